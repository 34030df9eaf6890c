/**
 * The automated accessibility check of the browser suites: axe-core's WCAG 2.0 and 2.1 level A
 * and AA rules on the page as it is now. A violation axe rates serious or critical fails the
 * test, named with its rule, impact, elements and help page so it can be found and fixed.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * The serious and critical violations on `page` (or only inside the elements `include` selects),
 * one line per rule and element.
 */
export async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page }).withTags(WCAG_TAGS);
  if (include) builder.include(include);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (node) =>
          `${v.id} (${v.impact}) at ${node.target.join(' ')}: ${v.help} [${v.helpUrl}]` +
          (node.failureSummary ? `\n    ${node.failureSummary.replaceAll('\n', '\n    ')}` : ''),
      ),
    );
}

/**
 * Fails when axe finds a serious or critical violation on `page`, listing each; with `include`,
 * only inside what it selects (a form or dialog just opened on a page already checked).
 */
export async function expectAccessible(page: Page, label: string, include?: string): Promise<void> {
  const found = await seriousViolations(page, include);
  expect(found, `${label}: ${found.length} serious or critical accessibility violations\n${found.join('\n')}`).toEqual(
    [],
  );
}
