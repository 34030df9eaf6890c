import {
  Activity,
  BellRing,
  Database,
  FileText,
  Gauge,
  Lightbulb,
  Route,
  Scaling,
  Settings,
  type LucideIcon,
} from 'lucide-react';

export type NavItem = {
  href: string;
  label: string;
  icon: LucideIcon;
  /** One sentence on what the view answers; shown in its header. */
  summary: string;
};

/** Every view of the product, in navigation order. Tests walk this list. */
export const NAV: readonly NavItem[] = [
  {
    href: '/',
    label: 'Observatory',
    icon: Activity,
    summary: 'Response times, throughput, errors, Core Web Vitals and infrastructure health at a glance.',
  },
  {
    href: '/endpoints',
    label: 'Endpoints',
    icon: Route,
    summary: 'Rate, errors and latency percentiles for every API route.',
  },
  {
    href: '/web-vitals',
    label: 'Web Vitals',
    icon: Gauge,
    summary: 'Real-user LCP, INP, CLS, FCP and TTFB at p75, per page and device.',
  },
  {
    href: '/alerts',
    label: 'Alerts',
    icon: BellRing,
    summary: 'Alert rules, firing alerts, silences and notification channels.',
  },
  {
    href: '/optimizer',
    label: 'Optimizer',
    icon: Lightbulb,
    summary: 'What to fix first: recommendations from your data, ranked by impact, with their evidence.',
  },
  {
    href: '/scaling',
    label: 'Scaling',
    icon: Scaling,
    summary: 'Scaling policies, decisions with their reasons, and load forecasts.',
  },
  {
    href: '/cache',
    label: 'Cache',
    icon: Database,
    summary: 'Cache hit rates, keys and invalidation.',
  },
  {
    href: '/reports',
    label: 'Reports',
    icon: FileText,
    summary: 'CSV, PDF and Prometheus exports, and scheduled reports.',
  },
  {
    href: '/settings',
    label: 'Settings',
    icon: Settings,
    summary: 'Projects and their keys, users, the audit log, and the health of this installation.',
  },
];

export function navItem(href: string): NavItem {
  const item = NAV.find((n) => n.href === href);
  if (!item) throw new Error(`no navigation entry for ${href}`);
  return item;
}

export function isActive(href: string, pathname: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}
