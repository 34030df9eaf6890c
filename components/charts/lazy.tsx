'use client';

/**
 * The charts as the dashboard's first screen takes them: recharts (about 115 KB gzipped) loads
 * after the page has rendered and hydrated, so it is not part of the page's first-load
 * JavaScript and does not hold back its largest paint. Until it arrives, a box of the chart's
 * size (nothing moves when the chart appears) carries the chart's label.
 */
import dynamic from 'next/dynamic';

function ChartLoading({ label }: { label: string }) {
  return (
    <div
      role="img"
      aria-label={label}
      aria-busy="true"
      className="h-64 w-full animate-pulse rounded bg-surface-muted"
    />
  );
}

export const LazyPercentilesChart = dynamic(() => import('./PercentilesChart').then((m) => m.PercentilesChart), {
  ssr: false,
  loading: () => <ChartLoading label="Loading the chart" />,
});

export const LazyTrafficChart = dynamic(() => import('./TrafficChart').then((m) => m.TrafficChart), {
  ssr: false,
  loading: () => <ChartLoading label="Loading the chart" />,
});
