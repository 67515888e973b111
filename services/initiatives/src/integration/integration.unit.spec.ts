import { DomainError } from '../../../kernel/src/domain';
import { assessInitiative, defineIntegrationCriterion, weightedScore, type IntegrationCriterionState } from './integration';

const now = new Date('2026-03-01T09:00:00Z');
const at = (node: string, id = '01a2161d-2e3e-7e9d-bb1c-a9dd3cc48716') => ({ id, node, by: 'admin-1', now });

describe('weighted score', () => {
  it('weights each score by its criterion', () => {
    expect(
      weightedScore([
        { weight: 3, score: 100 },
        { weight: 1, score: 0 },
      ]),
    ).toBe(75);
    expect(
      weightedScore([
        { weight: 2, score: 80 },
        { weight: 2, score: 60 },
        { weight: 1, score: 10 },
      ]),
    ).toBe(58);
    expect(weightedScore([{ weight: 1, score: 33.333 }])).toBe(33.33);
    expect(weightedScore([])).toBe(0);
  });
});

describe('integration criteria and assessments', () => {
  const c1 = defineIntegrationCriterion({ nameAr: 'التوافق مع المبادرة الوطنية', weight: 3 }, at('ministry', '01a2161d-2e3e-7e9d-bb1c-a9dd3cc48701')).data
    .state;
  const c2 = defineIntegrationCriterion({ nameAr: 'قابلية القياس', weight: 1 }, at('ministry', '01a2161d-2e3e-7e9d-bb1c-a9dd3cc48702')).data.state;
  const criteria: IntegrationCriterionState[] = [c1, c2];

  it('are defined at the ministry only', () => {
    expect(c1).toMatchObject({ node: 'ministry', weight: 3, version: 1 });
    expect(() => defineIntegrationCriterion({ nameAr: 'معيار', weight: 1 }, at('riyadh'))).toThrow(DomainError);
    expect(() => defineIntegrationCriterion({ nameAr: 'معيار', weight: 0 }, at('ministry'))).toThrow(/weight/);
  });

  it('keep the weights in force with the scores', () => {
    const e = assessInitiative(
      'i-1',
      {
        scores: [
          { criterionId: c1.id, score: 100 },
          { criterionId: c2.id, score: 0 },
        ],
      },
      criteria,
      at('ministry'),
    );
    expect(e.type).toBe('mmhub.integrationassessment.recorded.v1');
    expect(e.data.state.weightedScore).toBe(75);
    expect(e.data.state.scores[0]).toMatchObject({ criterionId: c1.id, weight: 3, score: 100 });
  });

  it.each([
    ['no scores', []],
    ['an unknown criterion', [{ criterionId: '01a2161d-2e3e-7e9d-bb1c-a9dd3cc48799', score: 1 }]],
    [
      'a criterion twice',
      [
        { criterionId: c1.id, score: 1 },
        { criterionId: c1.id, score: 2 },
      ],
    ],
    ['a score above 100', [{ criterionId: c1.id, score: 101 }]],
  ])('refuse %s', (_what, scores) => {
    expect(() => assessInitiative('i-1', { scores }, criteria, at('ministry'))).toThrow(DomainError);
  });
});
