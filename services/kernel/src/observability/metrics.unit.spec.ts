import { Counter, Gauge, Registry } from 'prom-client';
import { OperationNames, outcomeOf } from './metrics';
import { parsePrometheusText, samplesOf, sumOf } from './prometheus-text';

describe('the outcome of a GraphQL response', () => {
  it('is ok without errors, a client error for refusals, a server error for ours', () => {
    expect(outcomeOf(undefined)).toBe('ok');
    expect(outcomeOf([{ extensions: { code: 'FORBIDDEN' } }, { extensions: { code: 'BAD_USER_INPUT' } }])).toBe('client_error');
    expect(outcomeOf([{ extensions: { code: 'FORBIDDEN' } }, { extensions: { code: 'INTERNAL_SERVER_ERROR' } }])).toBe('server_error');
    expect(outcomeOf([{ extensions: { code: 'SERVICE_UNAVAILABLE' } }])).toBe('server_error');
    expect(outcomeOf([{}])).toBe('server_error');
    expect(outcomeOf(undefined, 401)).toBe('client_error');
    expect(outcomeOf(undefined, 503)).toBe('server_error');
  });
});

describe('operation names as labels', () => {
  it('keeps the first names and counts the rest as "other"', () => {
    const names = new OperationNames(2);
    expect(names.label('Propose')).toBe('Propose');
    expect(names.label(undefined)).toBe('anonymous');
    expect(names.label('Second')).toBe('Second');
    expect(names.label('Third')).toBe('other');
    expect(names.label('Propose')).toBe('Propose');
    expect(names.label('x'.repeat(300))).toBe('other');
  });

  it('gives a place only to a name whose operation ran', () => {
    const names = new OperationNames(2);
    expect(names.label('Probe', false)).toBe('other');
    expect(names.label('Propose')).toBe('Propose');
    expect(names.label('Propose', false)).toBe('Propose');
    expect(names.label(undefined, false)).toBe('anonymous');
    expect(names.label('Edit')).toBe('Edit');
  });
});

describe('the Prometheus text parser', () => {
  it('reads what prom-client writes, labels with escapes included', async () => {
    const registry = new Registry();
    registry.setDefaultLabels({ node: 'riyadh' });
    const c = new Counter({ name: 'mmhub_test_total', help: 'h', labelNames: ['operation'], registers: [registry] });
    c.inc({ operation: 'say "hi"\\now' }, 2);
    c.inc({ operation: 'plain' });
    new Gauge({ name: 'mmhub_test_gauge', help: 'h', registers: [registry] }).set(NaN);
    const e = parsePrometheusText(await registry.metrics());
    expect(e.types.get('mmhub_test_total')).toBe('counter');
    expect(samplesOf(e, 'mmhub_test_total', { operation: 'say "hi"\\now' })).toEqual([
      { name: 'mmhub_test_total', labels: { operation: 'say "hi"\\now', node: 'riyadh' }, value: 2 },
    ]);
    expect(sumOf(e, 'mmhub_test_total', { node: 'riyadh' })).toBe(3);
    expect(sumOf(e, 'mmhub_test_gauge')).toBeNaN();
    expect(sumOf(e, 'absent')).toBeUndefined();
  });

  it('reads infinities and trailing commas, and refuses what is not the format', () => {
    const e = parsePrometheusText('# HELP x y\n# TYPE x histogram\nx_bucket{le="+Inf",} 4 1700000000\nx_sum -Inf\n');
    expect(samplesOf(e, 'x_bucket')[0]).toEqual({ name: 'x_bucket', labels: { le: '+Inf' }, value: 4 });
    expect(sumOf(e, 'x_sum')).toBe(-Infinity);
    expect(() => parsePrometheusText('x{le=unquoted} 1')).toThrow(/line 1: bad labels/);
    expect(() => parsePrometheusText('<html>')).toThrow(/line 1: not a sample/);
    expect(() => parsePrometheusText('x one')).toThrow(/bad value/);
  });
});
