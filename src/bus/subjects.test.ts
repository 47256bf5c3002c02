import { describe, expect, it } from 'vitest';
import { subjects } from './subjects.js';

describe('subjects', () => {
  it('gives each node id its own single-token subject', () => {
    const ids = ['gw-1', 'gw.1', 'gw_1', 'host.example.com-42', 'a.b', 'a-b', 'ab'];
    const names = ids.map((id) => subjects.node(id));
    expect(new Set(names).size).toBe(ids.length);
    for (const name of names) expect(name.split('.')).toHaveLength(3);
    expect(subjects.node('host.example.com-42')).toBe('homing.node.host~example~com-42');
  });

  it('refuses node ids that would inject tokens or wildcards', () => {
    for (const bad of ['', 'a b', 'a*', 'a>', 'x'.repeat(65), 'a~b']) expect(() => subjects.node(bad)).toThrowError(RangeError);
  });

  it('keeps receipts apart from every node subject', () => {
    expect(subjects.receipts).toBe('homing.receipts');
    expect(subjects.node('receipts')).not.toBe(subjects.receipts);
  });

  it('names the push log stream and subject, apart per namespace, and refuses namespaces that would inject tokens', () => {
    expect([subjects.pushLog(), subjects.pushLogStream()]).toEqual(['homing.push-log', 'HOMING_PUSH_LOG']);
    expect([subjects.pushLog('c1'), subjects.pushLogStream('c1')]).toEqual(['homing.push-log.c1', 'HOMING_PUSH_LOG_c1']);
    for (const bad of ['a.b', 'a*', 'a>', 'a b', 'x'.repeat(33)]) {
      expect(() => subjects.pushLog(bad)).toThrowError(RangeError);
      expect(() => subjects.pushLogStream(bad)).toThrowError(RangeError);
    }
  });
});
