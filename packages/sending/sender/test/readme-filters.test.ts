import { readFileSync } from 'node:fs';
import { compileFilter } from '@hookwire/sender';
import { describe, expect, it } from 'vitest';

/** The rows of the filter table in the README: `| filter | data | yes/no… |`. */
function readmeRows() {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.slice(
    readme.indexOf('## Payload filters'),
    readme.indexOf('## The event catalogue'),
  );
  return [...section.matchAll(/^\| `(\{.*\})` \| `(.*)` \| (yes|no)\b.*\|$/gm)].map((match) => ({
    filter: JSON.parse(match[1]!),
    data: JSON.parse(match[2]!),
    matches: match[3] === 'yes',
  }));
}

describe('README: the filter language table', () => {
  it('says what the filters do', () => {
    const rows = readmeRows();
    expect(rows.length).toBeGreaterThanOrEqual(15);
    for (const row of rows) {
      expect([row.filter, row.data, compileFilter(row.filter)(row.data)]).toEqual([
        row.filter,
        row.data,
        row.matches,
      ]);
    }
  });
});
