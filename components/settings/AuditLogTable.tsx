import type { ReactNode } from 'react';
import type { AuditDetailValue, AuditEvent } from '@/lib/hooks/useAuditLog';
import { useTimeZone } from '@/lib/hooks/useTimeZone';
import { formatIso } from '@/lib/format/time';

const SUMMARY_MAX = 120;

function detailText(value: AuditDetailValue): string {
  if (Array.isArray(value)) return value.length ? value.join(', ') : 'none';
  if (value === null) return '—';
  return String(value);
}

/** "name: Shop · allowedOrigins: https://a, https://b", cut short; the full text is in the tooltip. */
export function summariseDetails(details: AuditEvent['details']): { short: string; full: string } {
  const full = Object.entries(details ?? {})
    .map(([key, value]) => `${key}: ${detailText(value)}`)
    .join(' · ');
  return { short: full.length > SUMMARY_MAX ? `${full.slice(0, SUMMARY_MAX - 1)}…` : full, full };
}

/** "user:ann@example.com" reads as the email, "key:obs_ing_AbCd" as a key prefix; cli, setup and system as they are. */
export function actorLabel(actor: string): string {
  if (actor.startsWith('user:')) return actor.slice('user:'.length);
  if (actor.startsWith('key:')) return `key ${actor.slice('key:'.length)}…`;
  return actor;
}

// Below md each row is a stacked card and each cell carries its own label; from md up it is a table.
const CELL = 'flex gap-3 px-0 py-0.5 md:table-cell md:px-3 md:py-2.5 md:align-top';
const LABEL = 'w-16 shrink-0 text-xs font-medium text-fg-muted md:hidden';

function Cell({ label, children, className = '' }: { label: string; children: ReactNode; className?: string }) {
  return (
    <td className={`${CELL} ${className}`}>
      <span className={LABEL} aria-hidden>
        {label}
      </span>
      <span className="min-w-0 break-words">{children}</span>
    </td>
  );
}

export function AuditLogTable({ events, projectNames }: { events: AuditEvent[]; projectNames: Map<string, string> }) {
  const zone = useTimeZone();
  // A very long actor or detail scrolls inside the card instead of widening the page.
  return (
    <div className="md:overflow-x-auto">
      <table className="block w-full text-sm md:table">
        <caption className="sr-only">Audit events, newest first</caption>
        <thead className="hidden border-b border-border text-left text-xs font-medium text-fg-muted md:table-header-group">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
              Time
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Actor
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Action
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Target
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Details
            </th>
          </tr>
        </thead>
        <tbody className="block divide-y divide-border md:table-row-group">
          {events.map((event) => {
            const details = summariseDetails(event.details);
            const project = event.projectId ? projectNames.get(event.projectId) : undefined;
            return (
              <tr key={event.id} className="block py-3 md:table-row md:py-0">
                <Cell label="Time" className="text-fg-muted md:whitespace-nowrap">
                  <time dateTime={event.at}>{formatIso(event.at, zone, { year: true })}</time>
                </Cell>
                <Cell label="Actor" className="text-fg">
                  {/* Whole emails on wide screens; anywhere-breaks only where the column is the screen. */}
                  <span title={event.actor} className="max-md:break-all">
                    {actorLabel(event.actor)}
                  </span>
                </Cell>
                <Cell label="Action">
                  <code className="rounded bg-surface-muted px-1.5 py-0.5 font-mono text-xs whitespace-nowrap text-fg">
                    {event.action}
                  </code>
                </Cell>
                <Cell label="Target" className="text-fg">
                  {/* The target's name; its id (long, rarely read) in the tooltip, and in place of a name it lacks. */}
                  {event.targetName ? (
                    <span
                      title={event.target ?? undefined}
                      className="max-md:break-all md:block md:max-w-48 md:truncate"
                    >
                      {event.targetName}
                      <span className="ml-1 text-xs text-fg-muted">
                        {event.target?.split(':')[0]?.replace('_', ' ')}
                      </span>
                    </span>
                  ) : (
                    <span
                      title={event.target ?? undefined}
                      className="font-mono text-xs max-md:break-all md:block md:max-w-40 md:truncate"
                    >
                      {event.target ?? '—'}
                    </span>
                  )}
                  {project && <span className="block text-xs text-fg-muted">in {project}</span>}
                </Cell>
                <Cell label="Details" className="text-fg-muted">
                  <span
                    className="[overflow-wrap:anywhere]"
                    title={details.full === details.short ? undefined : details.full}
                  >
                    {details.short || '—'}
                  </span>
                </Cell>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
