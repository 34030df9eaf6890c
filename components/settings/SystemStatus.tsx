'use client';

import { Badge, type Tone } from '@/components/ui/Badge';
import { Card } from '@/components/ui/Card';
import { useHealth } from '@/lib/hooks/useHealth';

const PROVIDER_LABEL = { sqlite: 'SQLite (embedded)', postgresql: 'PostgreSQL' } as const;

function stateTone(state: string): Tone {
  if (state === 'ok') return 'good';
  if (state === 'disabled') return 'neutral';
  if (state === 'degraded') return 'warn';
  return 'poor';
}

function formatUptime(seconds: number): string {
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3_600);
  const m = Math.floor((seconds % 3_600) / 60);
  if (d) return `${d} d ${h} h`;
  if (h) return `${h} h ${m} min`;
  if (m) return `${m} min`;
  return `${Math.floor(seconds)} s`;
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex items-center justify-between gap-4 py-2.5">
      <dt className="text-sm text-fg-muted">{label}</dt>
      <dd className="text-right text-sm font-medium text-fg">{children}</dd>
    </div>
  );
}

export function SystemStatus() {
  const { data, error, isFetching } = useHealth();

  return (
    <Card
      title="System status"
      action={
        <span className="text-xs text-fg-muted" aria-live="polite">
          {isFetching ? 'Checking…' : 'Checked every 15 s'}
        </span>
      }
      className="max-w-xl"
    >
      {error && (
        <p role="alert" className="mb-3 rounded-md bg-poor/10 px-3 py-2 text-sm text-poor">
          Could not reach this server: {error.message}
        </p>
      )}
      {data ? (
        <dl className="divide-y divide-border">
          <Row label="Overall">
            <Badge tone={stateTone(data.status)}>{data.status}</Badge>
          </Row>
          <Row label="Database">
            <span className="mr-2 text-fg-muted">{PROVIDER_LABEL[data.provider]}</span>
            <Badge tone={stateTone(data.db)}>{data.db}</Badge>
          </Row>
          <Row label="Redis">
            <Badge tone={stateTone(data.redis)}>{data.redis === 'disabled' ? 'not configured' : data.redis}</Badge>
          </Row>
          <Row label="Version">{data.version}</Row>
          <Row label="Uptime">{formatUptime(data.uptime)}</Row>
        </dl>
      ) : (
        !error && (
          <div
            className="h-40 animate-pulse rounded-md bg-surface-muted"
            role="status"
            aria-busy="true"
            aria-label="Loading"
          />
        )
      )}
    </Card>
  );
}
