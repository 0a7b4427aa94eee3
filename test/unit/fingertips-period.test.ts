import { fingertipsPeriod } from '../../src/ingest/connectors/fingertips-period';

test.each([
  ['2015', '2015', null],
  ['2022/23', '2022/23', null],
  ['2020/21 - 22/23', '2022/23', '2020/21 - 22/23: financial years pooled'],
  ['2020 - 22', '2022', '2020 - 22: years pooled'],
  ['2011 - 2016', '2016', '2011 - 2016: years pooled'],
  ['2017 Q1', '2017-Q1', null],
  ['Aug 2014', '2014-08', null],
])('"%s" is %s', (label, period, note) => {
  expect(fingertipsPeriod(label)).toEqual({ period, note });
});

test.each(['', 'Q1 2017', '2017 Q5', 'Smarch 2014', '2015-16'])('"%s" is not placed', (label) => {
  expect(fingertipsPeriod(label)).toBeNull();
});
