export type ThemePreference = 'light' | 'dark' | 'system';
export const THEME_STORAGE_KEY = 'observatory-theme';
const CHANGE_EVENT = 'observatory-theme-change';

/**
 * Runs in <head> before first paint so a dark-theme user never sees a white flash.
 * Kept tiny and self-contained: it is inlined as a string.
 */
export const themeInitScript = `(function(){try{var p=localStorage.getItem('${THEME_STORAGE_KEY}');var d=p==='dark'||((!p||p==='system')&&matchMedia('(prefers-color-scheme: dark)').matches);document.documentElement.classList.toggle('dark',d);}catch(e){}})();`;

export function readThemePreference(): ThemePreference {
  const stored = localStorage.getItem(THEME_STORAGE_KEY);
  return stored === 'light' || stored === 'dark' ? stored : 'system';
}

/** Notifies on changes from this tab (applyTheme) and from other tabs (storage events). */
export function subscribeThemePreference(onChange: () => void): () => void {
  window.addEventListener(CHANGE_EVENT, onChange);
  window.addEventListener('storage', onChange);
  return () => {
    window.removeEventListener(CHANGE_EVENT, onChange);
    window.removeEventListener('storage', onChange);
  };
}

export function applyTheme(pref: ThemePreference): void {
  const dark = pref === 'dark' || (pref === 'system' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.classList.toggle('dark', dark);
  localStorage.setItem(THEME_STORAGE_KEY, pref);
  window.dispatchEvent(new Event(CHANGE_EVENT));
}
