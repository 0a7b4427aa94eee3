import { ActionStatus, PlanStatus } from '../../src/domain/enums';
import type { Plan } from '../../src/entities';
import { isOverdue, tallyActions } from '../../src/domain/action-tally';
import { todayIso } from '../../src/domain/today';
import { currentPlan } from '../../src/services/partnership.service';

const plan = (id: string, periodStart: string, periodEnd: string): Plan => ({
  id,
  periodStart,
  periodEnd,
  partnershipSlug: 'p',
  title: id,
  status: PlanStatus.PUBLISHED,
  summary: null,
  notes: null,
  sourceDocument: 'd',
});

test('the current plan is the one in force, the latest-starting if several overlap', () => {
  const long = plan('2018-23', '2018-04-01', '2023-03-31');
  const short = plan('2021-22', '2021-04-01', '2022-03-31');
  expect(currentPlan([long, short], '2021-06-01')?.id).toBe('2021-22');
  expect(currentPlan([long, short], '2022-04-01')?.id).toBe('2018-23');
  expect(currentPlan([long, short], '2022-03-31')?.id).toBe('2021-22');
});

test('with no plan in force, the most recent that has started; with none started, the first', () => {
  const old = plan('2011-12', '2011-04-01', '2012-03-31');
  const later = plan('2014-15', '2014-04-01', '2015-03-31');
  expect(currentPlan([old, later], '2026-11-21')?.id).toBe('2014-15');
  expect(currentPlan([later], '2010-01-01')?.id).toBe('2014-15');
  expect(currentPlan([], '2026-11-21')).toBeNull();
});

test('an action is overdue the day after its due date unless done or dropped', () => {
  expect(isOverdue({ dueDate: '2021-03-31', status: ActionStatus.OPEN }, '2021-03-31')).toBe(false);
  expect(isOverdue({ dueDate: '2021-03-31', status: ActionStatus.OPEN }, '2021-04-01')).toBe(true);
  expect(isOverdue({ dueDate: '2021-03-31', status: ActionStatus.IN_PROGRESS }, '2021-04-01')).toBe(true);
  expect(isOverdue({ dueDate: '2021-03-31', status: ActionStatus.DONE }, '2021-04-01')).toBe(false);
  expect(isOverdue({ dueDate: '2021-03-31', status: ActionStatus.DROPPED }, '2021-04-01')).toBe(false);
  expect(isOverdue({ dueDate: null, status: ActionStatus.OPEN }, '2030-01-01')).toBe(false);
});

test("a priority's actions counted: done, dropped, overdue and open add up to the total", () => {
  const actions = [
    { dueDate: '2021-03-31', status: ActionStatus.DONE },
    { dueDate: '2021-03-31', status: ActionStatus.DROPPED },
    { dueDate: '2021-03-31', status: ActionStatus.OPEN },
    { dueDate: '2021-03-31', status: ActionStatus.IN_PROGRESS },
    { dueDate: '2022-03-31', status: ActionStatus.OPEN },
    { dueDate: null, status: ActionStatus.OPEN },
  ];
  expect(tallyActions(actions, '2021-04-01')).toEqual({ total: 6, done: 1, overdue: 2, open: 2 });
  expect(tallyActions(actions, '2021-03-31')).toEqual({ total: 6, done: 1, overdue: 0, open: 4 });
  expect(tallyActions([], '2021-04-01')).toEqual({ total: 0, done: 0, overdue: 0, open: 0 });
});

test('today is the UTC date of the moment given, changing at midnight and back again if the clock goes back', () => {
  const midnight = Date.UTC(2026, 10, 21);
  expect(todayIso(midnight - 1)).toBe('2026-11-20');
  expect(todayIso(midnight)).toBe('2026-11-21');
  expect(todayIso(midnight + 86_399_999)).toBe('2026-11-21');
  expect(todayIso(midnight + 86_400_000)).toBe('2026-11-22');
  expect(todayIso(midnight - 1)).toBe('2026-11-20');
  expect(todayIso()).toBe(new Date().toISOString().slice(0, 10));
});
