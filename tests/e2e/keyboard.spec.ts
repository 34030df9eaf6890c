/**
 * The main flows from the keyboard alone, with no click: the skip link and the main navigation;
 * a view's period and project; sorting Endpoints and opening a route, then one of its slowest
 * requests; a new alert rule filled in and created; a question and the phone's navigation drawer
 * opened, kept to themselves while open and closed with Escape, focus back where it was. Every
 * control reached on the way shows that it has focus (an outline or a ring). It runs in the
 * `a11y` project on the data of tests/e2e/screens.setup.ts, at 1280 px in the light theme, signed
 * in as the admin. Sorting by each column and the p95 card are also reached from the keyboard in
 * tests/e2e/endpoints.spec.ts, tests/e2e/web-vitals.spec.ts and tests/e2e/observatory.spec.ts.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { MOBILE, viewSettled } from '../helpers/e2e';
import { made } from '../helpers/screens';

/** What the focused element is and whether it shows it: an outline or a box-shadow ring. */
function focusShown(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { what: 'nothing', shown: false };
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const ring = style.boxShadow !== 'none' && style.boxShadow !== '';
    const name = el.getAttribute('aria-label') ?? (el as HTMLElement).innerText?.trim().slice(0, 40) ?? '';
    return { what: `${el.tagName.toLowerCase()} "${name}"`, shown: outline || ring };
  });
}

/**
 * Presses Tab (Shift+Tab with `back`) until `target` has focus, at most `max` times, checking
 * that each control focused on the way shows its focus.
 */
async function tabTo(page: Page, target: Locator, { max = 80, back = false } = {}) {
  await expect(target).toBeVisible();
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const focus = await focusShown(page);
    expect(focus.shown, `focus is visible on ${focus.what}`).toBe(true);
  }
  await expect(target, `reached within ${max} presses of Tab`).toBeFocused();
}

async function open(page: Page, path: string, heading: string) {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
}

test('the skip link leads to the content, and the main navigation moves between views', async ({ page }) => {
  const { slug } = made();
  await open(page, `/?project=${slug}`, 'Observatory');
  await viewSettled(page);

  // The first Tab shows the skip link; Enter moves focus to the page's content.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  expect((await focusShown(page)).shown).toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  await page.keyboard.press('Tab');
  expect(await page.getByRole('main').evaluate((main) => main.contains(document.activeElement))).toBe(true);

  // Back up into the navigation, and on to the other views with Enter.
  const nav = page.getByRole('navigation', { name: 'Main' });
  await tabTo(page, nav.getByRole('link', { name: 'Endpoints', exact: true }), { back: true });
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/endpoints(\?|$)/);
  await expect(page.getByRole('heading', { level: 1, name: 'Endpoints' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Endpoints', exact: true })).toHaveAttribute('aria-current', 'page');

  await tabTo(page, nav.getByRole('link', { name: 'Alerts', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/alerts(\?|$)/);
  await expect(page.getByRole('heading', { level: 1, name: 'Alerts' })).toBeVisible();
});

test('a view’s period and project change from the keyboard', async ({ page }) => {
  const { slug } = made();
  await open(page, `/?project=${slug}`, 'Observatory');
  await viewSettled(page);

  const periods = page.getByRole('group', { name: 'Period' });
  const week = periods.getByRole('button', { name: '7d' });
  await expect(week).toHaveAttribute('aria-pressed', 'false');
  await tabTo(page, week);
  await page.keyboard.press('Enter');
  await expect(week).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveURL(/[?&]period=7d/);
  await viewSettled(page);
  // Space works as well as Enter.
  const hour = periods.getByRole('button', { name: '1h' });
  await tabTo(page, hour, { back: true });
  await page.keyboard.press('Space');
  await expect(hour).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveURL(/[?&]period=1h/);

  // The project list: an arrow key picks the next project (or the previous, from the last).
  const project = page.getByLabel('Project');
  await expect(project).toHaveValue(slug);
  const options = await project.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(options.length).toBeGreaterThan(1);
  const at = options.indexOf(slug);
  const next = at < options.length - 1 ? options[at + 1]! : options[at - 1]!;
  await tabTo(page, project, { back: true });
  await page.keyboard.press(at < options.length - 1 ? 'ArrowDown' : 'ArrowUp');
  await expect(page).toHaveURL(new RegExp(`[?&]project=${next}(&|$)`));
  await expect(project).toHaveValue(next);
});

test('Endpoints sorts from the keyboard and opens a route, and the route one of its slowest requests', async ({
  page,
}) => {
  const { slug } = made();
  await open(page, `/endpoints?project=${slug}`, 'Endpoints');
  await viewSettled(page);
  const table = page.getByRole('table');
  const p95 = table.getByRole('columnheader', { name: 'p95', exact: true });
  await expect(p95).toHaveAttribute('aria-sort', 'none');
  await tabTo(page, p95.getByRole('button'));
  await page.keyboard.press('Enter');
  await expect(p95).toHaveAttribute('aria-sort', 'descending');

  const first = table.locator('tbody tr').first();
  const route = (await first.getAttribute('data-route'))!;
  await tabTo(page, first.getByRole('link'));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/endpoints\/route\?/);
  await expect(page.getByRole('heading', { level: 1, name: 'Route' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(route);

  const slowest = page.getByTestId('slowest-requests');
  const link = slowest.locator('tbody tr').first().getByRole('link');
  await tabTo(page, link, { max: 120 });
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/endpoints\/request\?/);
  await expect(page.getByRole('heading', { level: 1, name: 'Request' })).toBeVisible();
  await expect(page.getByTestId('request-compared')).toBeVisible();
});

test('a new alert rule is filled in and created from the keyboard', async ({ page }) => {
  const { slug } = made();
  await open(page, `/alerts?project=${slug}`, 'Alerts');
  const rules = page.getByRole('region', { name: 'Rules' });
  await expect(page.getByRole('region', { name: 'Channels' }).getByText('Team mail')).toBeVisible();

  await tabTo(page, rules.getByRole('button', { name: 'New rule' }));
  await page.keyboard.press('Enter');
  const form = page.getByRole('form', { name: 'New rule' });
  // The form takes focus at its first field.
  await expect(form.getByLabel('Name')).toBeFocused();
  const name = `Keyboard rule ${Date.now().toString(36)}`;
  await page.keyboard.type(name);
  await tabTo(page, form.getByLabel('Threshold', { exact: true }));
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('1500');
  await tabTo(page, form.getByLabel('Severity'));
  await page.keyboard.press('ArrowUp');
  await expect(form.getByLabel('Severity')).toHaveValue('critical');
  await tabTo(page, form.getByLabel('Team mail (email)'));
  await page.keyboard.press('Space');
  await expect(form.getByLabel('Team mail (email)')).toBeChecked();
  await tabTo(page, form.getByRole('button', { name: 'Create rule' }));
  await page.keyboard.press('Enter');

  await expect(form).toHaveCount(0);
  // Focus goes back to the button that opened the form.
  await expect(rules.getByRole('button', { name: 'New rule' })).toBeFocused();
  const created = rules.getByRole('listitem').filter({ hasText: name });
  await expect(created).toContainText(/> 1500\b/);
  await expect(created).toContainText('critical');
});

test('a question and the phone’s drawer open from the keyboard, keep focus inside, and close with Escape', async ({
  page,
}) => {
  await open(page, '/settings/projects', 'Projects');
  const remove = page.getByRole('button', { name: 'Delete project Screens shop' });
  await tabTo(page, remove, { max: 200 });
  await page.keyboard.press('Enter');
  const question = page.getByRole('dialog', { name: 'Delete the project “Screens shop”?' });
  await expect(question).toBeVisible();
  // It opens on its harmless choice; Tab goes round its buttons (and the browser's own controls,
  // outside the page) and never to the page behind it.
  await expect(question.getByRole('button', { name: 'Cancel' })).toBeFocused();
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    const behind = await question.evaluate(
      (d) => document.activeElement !== document.body && !d.contains(document.activeElement),
    );
    expect(behind, `after Tab ${i + 1}`).toBe(false);
  }
  await page.keyboard.press('Escape');
  await expect(question).toBeHidden();
  await expect(remove).toBeFocused();
  await expect(page.getByRole('article', { name: 'Screens shop' })).toBeVisible();

  // Editing a project and cancelling from the keyboard gives focus back to its Edit button.
  const edit = page.getByRole('button', { name: 'Edit project Screens shop' });
  await tabTo(page, edit, { back: true });
  await page.keyboard.press('Enter');
  const form = page.getByRole('form', { name: 'Edit Screens shop' });
  await expect(form.getByRole('textbox', { name: 'Name' })).toBeFocused();
  await tabTo(page, form.getByRole('button', { name: 'Cancel' }));
  await page.keyboard.press('Enter');
  await expect(form).toBeHidden();
  await expect(edit).toBeFocused();

  await page.setViewportSize(MOBILE.viewport);
  await open(page, '/endpoints', 'Endpoints');
  const menu = page.getByRole('button', { name: 'Open navigation' });
  await tabTo(page, menu);
  await page.keyboard.press('Enter');
  const drawer = page.getByRole('dialog', { name: 'Navigation' });
  await expect(drawer).toBeVisible();
  // Focus moves to the current view's link, and Tab and Shift+Tab stay in the drawer.
  await expect(drawer.getByRole('link', { name: 'Endpoints', exact: true })).toBeFocused();
  for (const key of [...Array(20).fill('Tab'), ...Array(5).fill('Shift+Tab')] as string[]) {
    await page.keyboard.press(key);
    expect(await drawer.evaluate((d) => d.contains(document.activeElement)), `after ${key}`).toBe(true);
    expect((await focusShown(page)).shown).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(menu).toBeFocused();

  // Moving on from the drawer with Enter.
  await page.keyboard.press('Enter');
  await tabTo(page, drawer.getByRole('link', { name: 'Web Vitals', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/web-vitals(\?|$)/);
  await expect(drawer).toBeHidden();
  // Focus went to the content the link opened, and Tab goes on into the new page.
  await expect(page.getByRole('heading', { level: 1, name: 'Web Vitals' })).toBeVisible();
  await expect(page.locator('main')).toBeFocused();
  await page.keyboard.press('Tab');
  expect(await page.locator('main').evaluate((m) => m.contains(document.activeElement))).toBe(true);
});
