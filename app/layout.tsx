import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { QueryProvider } from '@/components/providers/QueryProvider';
import { PageScripts } from './PageScripts';
import { themeInitScript } from '@/components/shell/theme';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Observatory', template: '%s · Observatory' },
  description: 'Self-hosted performance monitoring: Core Web Vitals, API latency, alerts and scaling.',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#f6f7f9' },
    { media: '(prefers-color-scheme: dark)', color: '#0b0e14' },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Set per request by proxy.ts; reading it also makes every page render per request.
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeInitScript }} />
      </head>
      <body className="font-sans antialiased">
        <QueryProvider>{children}</QueryProvider>
        <PageScripts nonce={nonce} />
      </body>
    </html>
  );
}
