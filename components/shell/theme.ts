export type ThemePreference = 'light' | 'dark' | 'system';
export const THEME_STORAGE_KEY = 'observatory-theme';

/**
 * Runs in <head> before first paint so a dark-theme user never sees a white flash.
 * Kept tiny and self-contained: it is inlined as a string.
 */
export const themeInitScript = `(function(){try{var p=localStorage.getItem('${THEME_STORAGE_KEY}');var d=p==='dark'||((!p||p==='system')&&matchMedia('(prefers-color-scheme: dark)').matches);document.documentElement.classList.toggle('dark',d);}catch(e){}})();`;

export function applyTheme(pref: ThemePreference): void {
  const dark = pref === 'dark' || (pref === 'system' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.classList.toggle('dark', dark);
  localStorage.setItem(THEME_STORAGE_KEY, pref);
}
