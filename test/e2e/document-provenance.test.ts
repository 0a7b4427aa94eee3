import { startTestHub, type TestHub } from '../helpers/test-hub';

// Issue 15 over HTTP: each fact the issue found wrong, missing or invented, as the API now
// serves it. The expected values are the documents' own words (data/documents/), copied by hand.

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t.stop();
});

interface Decision {
  field: string;
  basis: string;
  reason: string;
}

/** The error code a query gets for a measure the hub does not hold. */
async function missingMeasure(code: string): Promise<unknown> {
  const res = await t.gql(`{ measure(code: "${code}") { code } }`);
  return res.body.errors?.[0]?.extensions?.code;
}

async function data<T>(query: string): Promise<T> {
  const res = await t.gql<T>(query);
  expect(res.body.errors).toBeUndefined();
  return res.body.data as T;
}

const fields = (ds: Decision[]): Record<string, string> => Object.fromEntries(ds.map((d) => [d.field, d.basis]));

describe('wrong', () => {
  test('Safer Gloucester: road safety is context of the plan, linked to its theme, not priority 7', async () => {
    const d = await data<{
      partnership: {
        plans: Array<{
          priorities: Array<{ code: string; title: string }>;
          sections: Array<{ heading: string; text: string; themes: Array<{ code: string }> }>;
        }>;
      };
      theme: { sections: Array<{ heading: string; plan: { id: string } }> };
    }>(`{
      partnership(slug: "safer-gloucester") { plans { priorities { code title } sections { heading text themes { code } } } }
      theme(code: "ROAD_SAFETY") { sections { heading plan { id } } }
    }`);
    const plan = d.partnership.plans[0]!;
    expect(plan.priorities.map((p) => p.code)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(plan.priorities.map((p) => p.title)).not.toContain('Road Safety');
    const road = plan.sections.find((s) => s.heading === 'Road Safety')!;
    expect(road.themes).toEqual([{ code: 'ROAD_SAFETY' }]);
    expect(road.text).toContain(
      'The Gloucestershire Road Safety Partnership brings together Gloucestershire County Council, Gloucestershire Police and Gloucestershire Fire and Rescue Service',
    );
    expect(road.text).toContain(
      'In 2010, we experienced the lowest number of casualties ever on Gloucestershire’s roads.',
    );
    expect(d.theme.sections).toEqual([{ heading: 'Road Safety', plan: { id: 'safer-gloucester-2011-12' } }]);
  });

  test('Safer Gloucester: the PPO change is held over the period since the end of 2004, not as 2010/11', async () => {
    const d = await data<{
      partnership: {
        plans: Array<{
          trends: Array<{
            subject: string;
            statement: string;
            direction: string;
            value: number | null;
            periodStart: string;
            periodEnd: string;
            measure: { code: string } | null;
            decisions: Decision[];
          }>;
        }>;
      };
      series: { points: Array<{ period: string }> };
    }>(`{
      partnership(slug: "safer-gloucester") { plans { trends {
        subject statement direction value periodStart periodEnd measure { code } decisions { field basis reason }
      } } }
      series(measure: "quoted.ppo-offences-change", area: "E07000081", from: "2000/01", to: "2012/13", frequency: FINANCIAL_YEAR) { points { period } }
    }`);
    const ppo = d.partnership.plans[0]!.trends.find((x) => x.measure?.code === 'quoted.ppo-offences-change')!;
    expect(ppo).toMatchObject({
      subject: 'the number of offences committed by those offenders',
      direction: 'DOWN',
      value: -63,
      periodStart: '2004-12-01',
      periodEnd: '2011-03-31',
    });
    expect(ppo.statement).toContain(
      'at the end of 2004, the number of offences committed by those offenders has reduced by 63%.',
    );
    // The month and the end are the hub's reading of "the end of 2004" and of the plan's date.
    expect(fields(ppo.decisions)).toMatchObject({ periodStart: 'INFERRED', periodEnd: 'INFERRED' });
    expect(ppo.decisions.find((x) => x.field === 'periodStart')!.reason).toContain('"at the end of 2004"');
    // No one-year figure for it any more.
    expect(d.series.points).toEqual([]);
  });

  test('Portsmouth 2021-22 A d) is held as something to do under Measures, not as a count the plan never defines', async () => {
    const d = await data<{
      partnership: {
        plans: Array<{
          id: string;
          priorities: Array<{
            code: string;
            measures: Array<{ code: string }>;
            actions: Array<{ theme: string | null; subTheme: string | null; text: string }>;
          }>;
        }>;
      };
    }>(`{
      partnership(slug: "safer-portsmouth") { plans { id priorities { code measures { code } actions { theme subTheme text } } } }
    }`);
    const a = d.partnership.plans.find((p) => p.id === 'safer-portsmouth-2021-22')!.priorities[0]!;
    expect(a.actions).toContainEqual({
      theme: 'Measures',
      subTheme: 'd)',
      text: 'Develop measures to evaluate the impact of interventions with perpetrators of domestic abuse and those who use unhealthy behaviours',
    });
    expect(a.measures.map((m) => m.code)).not.toContain('partner.da-perpetrator-intervention-impact');
    expect(await missingMeasure('partner.da-perpetrator-intervention-impact')).toBe('NOT_FOUND');
  });

  test("Portsmouth 2021-22 B d): the plan's own measure, and Fingertips 92432 linked by the hub with how they differ", async () => {
    const d = await data<{
      partnership: {
        plans: Array<{
          id: string;
          priorities: Array<{
            code: string;
            measureLinks: Array<{ label: string | null; basis: string; measure: { code: string; name: string } }>;
            objectives: Array<{
              code: string;
              text: string;
              measureLinks: Array<{ basis: string; note: string | null; measure: { code: string } }>;
            }>;
          }>;
        }>;
      };
    }>(`{
      partnership(slug: "safer-portsmouth") { plans { id priorities { code
        measureLinks { label basis measure { code name } }
        objectives { code text measureLinks { basis note measure { code } } }
      } } }
    }`);
    const b = d.partnership.plans.find((p) => p.id === 'safer-portsmouth-2021-22')!.priorities[1]!;
    expect(b.measureLinks.find((l) => l.label === 'd)')).toEqual({
      label: 'd)',
      basis: 'PLAN',
      measure: { code: 'partner.drug-related-deaths', name: 'Drug related deaths' },
    });
    expect(b.measureLinks.map((l) => l.measure.code)).not.toContain('fingertips.92432');
    const c = b.objectives.find((o) => o.code === 'C')!;
    expect(c.text).toBe('Continue to reduce drug related deaths');
    expect(c.measureLinks).toHaveLength(1);
    expect(c.measureLinks[0]).toMatchObject({ basis: 'HUB', measure: { code: 'fingertips.92432' } });
    expect(c.measureLinks[0]!.note).toMatch(/not the same measure/);
    expect(c.measureLinks[0]!.note).toMatch(/age-standardised rate per 100,000 pooled over three calendar years/);
  });
});

describe('missing, or only in free text', () => {
  test('Gosport: the Prevent Communications Sub Group is a group', async () => {
    const d = await data<{ partnership: { groups: Array<{ name: string; purpose: string | null }> } }>(
      '{ partnership(slug: "gosport") { groups { name purpose } } }',
    );
    expect(d.partnership.groups).toContainEqual({
      name: 'Prevent Communications Sub Group',
      purpose:
        'Actively participate in the development and delivery of Prevent Communications (via the Prevent Communications Sub Group).',
    });
  });

  test("Safer North Hampshire: the councillors' discussion is recorded item by item", async () => {
    const d = await data<{
      partnership: { meetingReports: Array<{ discussion: Array<{ raisedBy: string | null; text: string }> }> };
    }>('{ partnership(slug: "safer-north-hampshire") { meetingReports { discussion { raisedBy text } } } }');
    expect(d.partnership.meetingReports[0]!.discussion).toEqual([
      { raisedBy: 'Councillors', text: 'Councillors asked about response rates in respect to ‘low level’ crime.' },
      {
        raisedBy: null,
        text: 'Reporting of these crimes was encouraged as the data gained was vital in developing strategies to combat such offences.',
      },
      {
        raisedBy: null,
        text: 'It was noted that officer numbers are increasing, and more time would be spent on following up in these areas in future.',
      },
      {
        raisedBy: null,
        text: 'Joint communication strategies were improving all the time and Community Safety Teams assist in areas of need and can work collaboratively with Councillors.',
      },
      {
        raisedBy: 'Councillors',
        text: 'Councillors also noted the need to revisit how partnerships work after the ending of the Covid lockdown, and the importance of residents seeing the impact on the ground.',
      },
      { raisedBy: null, text: 'Councillors were recognised as the link between the CSP and the public.' },
    ]);
  });

  test('Safer North Hampshire: the groups named only inside updates, and their partners', async () => {
    const d = await data<{
      partnership: {
        groups: Array<{
          name: string;
          members: Array<{ role: string; statedAs: string | null; organisation: { name: string } }>;
        }>;
      };
    }>(
      '{ partnership(slug: "safer-north-hampshire") { groups { name members { role statedAs organisation { name } } } } }',
    );
    const byName = new Map(d.partnership.groups.map((g) => [g.name, g.members]));
    const vog = byName.get('Vulnerabilities Operational Group (VOG)')!;
    expect(vog.map((m) => m.organisation.name)).toEqual(
      expect.arrayContaining(['mental health', 'children’s services']),
    );
    expect(vog.find((m) => m.organisation.name === 'mental health')!.role).toBe(
      'brought in new partners such as mental health and children’s services along with usual CSP partners',
    );
    expect(byName.get('Op MET (Missing Exploited Trafficked) meetings')!.map((m) => m.role)).toEqual([
      'Childrens Services led',
      'were also being attended',
    ]);
    for (const name of [
      'antisocial behaviour panel',
      'referral pathway for cases to be reviewed',
      'reinvigorated local forum',
    ]) {
      expect(byName.get(name)!.map((m) => m.organisation.name)).toEqual(['Basingstoke and Deane Borough Council']);
    }
    expect(byName.get('cannabis warning system')).toContainEqual({
      role: 'in partnership with the police and environmental health colleagues',
      statedAs: 'environmental health colleagues',
      organisation: { name: 'Rushmoor Borough Council' },
    });
  });

  test('Portsmouth 2021-22: the related strategies with their dates', async () => {
    const d = await data<{
      partnership: {
        plans: Array<{
          id: string;
          strategies: Array<{
            name: string;
            dates: Array<{ event: string; period: string; frequency: string }>;
            parent: { name: string } | null;
          }>;
        }>;
      };
    }>(`{ partnership(slug: "safer-portsmouth") { plans { id strategies {
      name dates { event period frequency } parent { name }
    } } } }`);
    const strategies = new Map(
      d.partnership.plans
        .find((p) => p.id === 'safer-portsmouth-2021-22')!
        .strategies.map((s) => [s.name, { dates: s.dates, parent: s.parent?.name ?? null }]),
    );
    expect(strategies.get('Violence Reduction Unit Response Strategy')!.dates).toEqual([
      { event: 'approved', period: '2020-01', frequency: 'MONTH' },
    ]);
    expect(strategies.get('Domestic Abuse Strategy')!.dates).toEqual([
      { event: 'refreshed', period: '2019', frequency: 'YEAR' },
      { event: 'approved', period: '2020-01', frequency: 'MONTH' },
    ]);
    expect(strategies.get("Children's Trust Plan 2020-2023")!.dates).toEqual([
      { event: 'followed', period: '2020-06', frequency: 'MONTH' },
    ]);
    for (const name of [
      'Safeguarding Children Strategy',
      'Youth Justice Plan',
      'Exploitation Action Planning',
      'Education Strategy',
    ]) {
      expect(strategies.get(name)).toEqual({ dates: [], parent: "Children's Trust Plan 2020-2023" });
    }
    // The detailed analysis behind figure 1.
    expect(strategies.get('Serious Violence Problem Profile')!.dates).toEqual([
      { event: 'detailed analysis was commissioned', period: '2016', frequency: 'YEAR' },
    ]);
  });

  test('Portsmouth 2021-22: the responsible authorities named jointly are members, as the plan names them', async () => {
    const d = await data<{
      partnership: {
        memberships: Array<{
          role: string;
          statedAs: string | null;
          organisation: { name: string };
          decisions: Decision[];
        }>;
      };
    }>(
      '{ partnership(slug: "safer-portsmouth") { memberships { role statedAs organisation { name } decisions { field basis } } } }',
    );
    const ms = d.partnership.memberships;
    expect(ms.map((m) => m.statedAs ?? m.organisation.name)).toEqual([
      'The council',
      'police',
      'fire service',
      'health services',
      'probation services',
    ]);
    for (const m of ms) {
      expect(m.role).toBe(
        'have a collective responsibility to identify community safety priorities for the city and put in place a plan to address them',
      );
    }
    // Which body "fire service" is, is the hub's reading, and says so.
    expect(ms.find((m) => m.statedAs === 'fire service')!.decisions).toEqual([
      { field: 'organisation', basis: 'INFERRED' },
    ]);
  });

  test('Portsmouth 2021-22: the partnerships alongside the Health and Wellbeing Board, and the stated trends', async () => {
    const d = await data<{
      partnership: {
        groups: Array<{ name: string; type: string; alongside: { name: string } | null }>;
        plans: Array<{
          id: string;
          trends: Array<{ subject: string; direction: string; periodStart: string; periodEnd: string }>;
        }>;
      };
    }>(`{ partnership(slug: "safer-portsmouth") {
      groups { name type alongside { name } }
      plans { id trends { subject direction periodStart periodEnd } }
    } }`);
    expect(d.partnership.groups.filter((g) => g.alongside !== null)).toEqual(
      expect.arrayContaining([
        {
          name: 'Children and adult safeguarding partnerships',
          type: 'PARTNERSHIP',
          alongside: { name: 'Health and Wellbeing Board' },
        },
        { name: 'local economic partnerships', type: 'PARTNERSHIP', alongside: { name: 'Health and Wellbeing Board' } },
      ]),
    );
    expect(d.partnership.groups.filter((g) => g.alongside !== null)).toHaveLength(2);
    expect(d.partnership.plans.find((p) => p.id === 'safer-portsmouth-2021-22')!.trends).toEqual([
      { subject: 'Crime levels and rates', direction: 'DOWN', periodStart: '2011-04-01', periodEnd: '2021-03-31' },
      {
        subject: 'Violence - especially most serious violence',
        direction: 'STABLE',
        periodStart: '2019-04-01',
        periodEnd: '2021-03-31',
      },
    ]);
  });

  test('Safer Gloucester: the commanders, the local policing teams and their wards, the affluent areas, the contacts', async () => {
    const d = await data<{
      partnership: {
        contacts: Array<{ kind: string; value: string }>;
        groups: Array<{ name: string; type: string; places: string[] }>;
        plans: Array<{
          keyPeople: Array<{ name: string; role: string | null; organisation: { name: string } | null }>;
          sections: Array<{ heading: string; text: string; places: string[] }>;
        }>;
      };
    }>(`{ partnership(slug: "safer-gloucester") {
      contacts { kind value }
      groups { name type places }
      plans { keyPeople { name role organisation { name } } sections { heading text places } }
    } }`);
    const p = d.partnership;
    expect(p.contacts).toEqual([
      { kind: 'WEBSITE', value: 'www.safergloucester.co.uk' },
      { kind: 'EMAIL', value: 'cdpartnership@gloucester.gov.uk' },
      { kind: 'PHONE', value: '01452 396984' },
    ]);
    const plan = p.plans[0]!;
    expect(plan.keyPeople.filter((k) => k.organisation?.name === 'Gloucestershire Constabulary')).toEqual([
      {
        name: 'Gary Thompson',
        role: 'Superintendent ... in charge of the Gloucester Local Policing Area',
        organisation: { name: 'Gloucestershire Constabulary' },
      },
      {
        name: 'Richard Burge',
        role: 'assisted by Chief Inspector',
        organisation: { name: 'Gloucestershire Constabulary' },
      },
    ]);
    expect(p.groups.filter((g) => g.type === 'LOCAL_POLICING_TEAM')).toEqual([
      {
        name: 'Gloucester City',
        type: 'LOCAL_POLICING_TEAM',
        places: ['the city centre', 'Hempsted', 'Kingsholm', 'Wotton', 'Barton', 'Tredworth', 'White City'],
      },
      {
        name: 'Gloucester District',
        type: 'LOCAL_POLICING_TEAM',
        places: [
          'Matson',
          'Robinswood',
          'Podsmead',
          'Tuffley',
          'Grange',
          'Quedgeley',
          'Hucclecote',
          'Abbey and Upton St Leonards',
          'Barnwood',
          'Moreland',
          'Longlevens',
          'Elmbridge',
        ],
      },
    ]);
    expect(plan.sections).toContainEqual({
      heading: 'Gloucester Today',
      text: 'Additionally there are areas (including Longlevens and Hucclecote) that feature in the top 10% most affluent.',
      places: ['Longlevens', 'Hucclecote'],
    });
    expect(plan.sections.map((s) => s.text)).toContain(
      "Gloucester is undergoing a programme of regeneration with Gloucester Quays designer outlet opening and Gloucestershire College relocated: the King's Quarter being discussed with developers.",
    );
  });

  test('Safer Gloucester: "over 1 in 10 offences" and the ages of the under-18 A & E attendances are figures', async () => {
    const q = (measure: string) =>
      `series(measure: "${measure}", area: "E07000081", from: "2010", to: "2011", frequency: YEAR) { points { period value } }`;
    const d = await data<Record<string, { points: Array<{ period: string; value: number }> }>>(`{
      share: ${q('quoted.offences-by-few-offenders-share')}
      all: ${q('quoted.under-18-ae-attendances')}
      a12: ${q('quoted.under-18-ae-attendances-aged-12')}
      a13: ${q('quoted.under-18-ae-attendances-aged-13')}
      a14: ${q('quoted.under-18-ae-attendances-aged-14')}
      a15: ${q('quoted.under-18-ae-attendances-aged-15')}
      a16: ${q('quoted.under-18-ae-attendances-aged-16')}
      a17: ${q('quoted.under-18-ae-attendances-aged-17')}
      admitted: ${q('quoted.under-18-ae-admitted')}
    }`);
    expect(d.share!.points).toEqual([{ period: '2011', value: 10 }]);
    // "84 young people ... Of those 84, 1 was 12 years old, 12 were 13 years old, 15 were 14 years
    // old, 18 were 15, 15 were 16 years old and 23 were 17 years old; of these 33 were admitted"
    expect(d.all!.points).toEqual([{ period: '2010', value: 84 }]);
    const ages = ['a12', 'a13', 'a14', 'a15', 'a16', 'a17'].map((k) => d[k]!.points[0]!.value);
    expect(ages).toEqual([1, 12, 15, 18, 15, 23]);
    expect(ages.reduce((a, b) => a + b, 0)).toBe(84);
    expect(d.admitted!.points).toEqual([{ period: '2010', value: 33 }]);
  });

  test('Safer Gloucester: the commitments in the priority reasons are objectives and actions, as the plan words them', async () => {
    const d = await data<{
      partnership: {
        plans: Array<{
          priorities: Array<{
            code: string;
            objectives: Array<{ text: string }>;
            actions: Array<{ text: string; deadline: string | null; dueDate: string | null }>;
          }>;
        }>;
      };
    }>(
      '{ partnership(slug: "safer-gloucester") { plans { priorities { code objectives { text } actions { text deadline dueDate } } } } }',
    );
    const byCode = new Map(d.partnership.plans[0]!.priorities.map((p) => [p.code, p]));
    expect(byCode.get('4')!.actions).toEqual([
      { text: 'It is hoped to employ a MARAC coordinator in 2011/12', deadline: '2011/12', dueDate: '2012-03-31' },
      {
        text: 'Safer Gloucester plans to continue to provide support for victims who wish to retract their statement in the hope that more successful prosecutions will be sought in the Specialist Domestic Abuse Court.',
        deadline: null,
        dueDate: null,
      },
    ]);
    expect(byCode.get('2')!.actions.map((a) => a.text)).toEqual([
      'The next stage is the introduction of the Integrated Offender Management Scheme where the same principles of successful partnership working are rolled out to a wider but less prolific audience.',
    ]);
    expect(byCode.get('6')!.objectives.map((o) => o.text)).toEqual([
      'increasing the trust and confidence of residents to report hate crime and incidents',
    ]);
    expect(byCode.get('6')!.actions.map((a) => a.text)).toEqual([
      'promoting the Hate Crime “Report It” helpline number',
    ]);
  });
});

describe('not in the documents: marked as the hub’s', () => {
  test("partner measures: owner, access and polarity are the hub's decisions, and police-held data is the police's", async () => {
    const d = await data<{
      measures: {
        edges: Array<{
          node: {
            code: string;
            polarity: string;
            access: string;
            owner: { id: string } | null;
            decisions: Decision[];
          };
        }>;
      };
    }>(
      '{ measures(source: "partner", first: 50) { edges { node { code polarity access owner { id } decisions { field basis reason } } } } }',
    );
    const byCode = new Map(d.measures.edges.map(({ node }) => [node.code, node]));
    expect(byCode.size).toBe(12);
    for (const m of byCode.values()) {
      const basis = fields(m.decisions);
      expect(basis.owner).toBe('HUB');
      expect(basis.definition).toBe('HUB');
      if (m.access !== 'PUBLIC') expect(basis.access).toBe('HUB');
      if (m.polarity !== 'NO_JUDGEMENT') expect(['HUB', 'DOCUMENT']).toContain(basis.polarity);
      for (const x of m.decisions) expect(x.reason.length).toBeGreaterThan(10);
    }
    expect(byCode.get('partner.da-disclosure-scheme-requests')!.owner).toEqual({ id: 'hampshire-constabulary' });
    expect(byCode.get('partner.dv-protection-notices-and-orders')!.owner).toEqual({ id: 'hampshire-constabulary' });
    // "There will be no numerical targets" and no direction for these: no judgement.
    for (const code of [
      'partner.early-help-assessments-parental-conflict',
      'partner.da-disclosure-scheme-requests',
      'partner.dv-protection-notices-and-orders',
      'partner.people-in-drug-and-alcohol-treatment',
      'partner.drug-related-and-acquisitive-crime',
    ]) {
      expect(byCode.get(code)!.polarity).toBe('NO_JUDGEMENT');
    }
    // A direction the plan does state is quoted from it.
    expect(byCode.get('partner.drug-related-deaths')!.decisions).toContainEqual({
      field: 'polarity',
      basis: 'DOCUMENT',
      reason: 'Continue to reduce drug related deaths',
    });
  });

  test('the A & E figures are named as the document names them', async () => {
    const d = await data<{ a: { name: string } | null; b: { name: string } | null }>(`{
      a: measure(code: "quoted.under-18-ae-attendances") { name }
      b: measure(code: "quoted.under-18-ae-admitted") { name }
    }`);
    expect(d.a!.name).toBe('young people under the age of 18 were taken to A & E for treatment');
    expect(d.b!.name).not.toMatch(/alcohol/);
    expect(await missingMeasure('quoted.under-18-alcohol-ae-attendances')).toBe('NOT_FOUND');
  });

  test('inferred periods, statuses and publishers say they are inferred, and from what', async () => {
    const d = await data<{
      gosport: { plans: Array<{ status: string; decisions: Decision[] }> };
      portsmouth: { plans: Array<{ id: string; status: string; decisions: Decision[] }> };
      population: {
        observations: { edges: Array<{ node: { period: string; value: number; decisions: Decision[] } }> };
      };
      hits: { observations: { edges: Array<{ node: { period: string; decisions: Decision[] } }> } };
      sourceDocuments: Array<{ id: string; publisher: string; decisions: Decision[] }>;
    }>(`{
      gosport: partnership(slug: "gosport") { plans { status decisions { field basis reason } } }
      portsmouth: partnership(slug: "safer-portsmouth") { plans { id status decisions { field basis reason } } }
      population: measure(code: "quoted.population") { observations(area: "E07000088", first: 5) { edges { node { period value decisions { field basis reason } } } } }
      hits: measure(code: "quoted.police-uk-crime-map-hits-first-week") { observations(first: 5) { edges { node { period decisions { field basis reason } } } } }
      sourceDocuments { id publisher decisions { field basis reason } }
    }`);
    const gosport = d.gosport.plans[0]!;
    expect(gosport.status).toBe('PUBLISHED');
    expect(fields(gosport.decisions)).toEqual({ status: 'INFERRED', periodStart: 'DOCUMENT', periodEnd: 'DOCUMENT' });
    expect(gosport.decisions.find((x) => x.field === 'periodStart')!.reason).toBe('the 2020 – 2021 financial year');
    const draft = d.portsmouth.plans.find((p) => p.id === 'safer-portsmouth-2021-22')!;
    expect(draft.decisions).toContainEqual({ field: 'status', basis: 'DOCUMENT', reason: 'DRAFT' });

    const population = d.population.observations.edges.map((e) => e.node);
    expect(population).toHaveLength(1);
    expect(population[0]).toMatchObject({ period: '2019', value: 85300 });
    expect(fields(population[0]!.decisions)).toEqual({ period: 'INFERRED' });

    const hits = d.hits.observations.edges[0]!.node;
    expect(hits.period).toBe('2011-02');
    const period = hits.decisions.find((x) => x.field === 'period')!;
    expect(period.basis).toBe('INFERRED');
    expect(period.reason).toMatch(/outside knowledge, not the plan's/);

    const minutes = d.sourceDocuments.find((x) => x.id === '001_afadc62b412479e4.txt')!;
    expect(minutes.publisher).toBe('Safer North Hampshire');
    expect(fields(minutes.decisions)).toMatchObject({ publisher: 'INFERRED', summary: 'HUB' });
  });
});
