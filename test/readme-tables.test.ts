// The README repeats the ret_code and device code tables of docs/; keep them equal.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

function tableRows(doc: string, header: string): string[] {
  const lines = doc.slice(doc.indexOf(header)).split('\n');
  const rows: string[] = [];
  for (const line of lines) {
    if (line.startsWith('|')) rows.push(line);
    else if (rows.length) break;
  }
  return rows;
}

describe('README code tables', () => {
  const readme = read('README.md');
  it.each([
    ['docs/rest-api.md', '| Code | HTTP |'],
    ['docs/protocol.md', '| code | name |'],
  ])('match %s', (doc, header) => {
    const expected = tableRows(read(doc), header);
    expect(expected.length).toBeGreaterThan(5);
    expect(tableRows(readme, header)).toEqual(expected);
  });
});
