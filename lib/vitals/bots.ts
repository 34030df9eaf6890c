/**
 * Crawlers, previews, monitors and automation: their page loads are not real users' and would
 * skew the vitals. Beacons from them get the same answer as stored ones (nothing to learn from),
 * are counted, and stored nowhere. Headless browsers say so in their user agent.
 */
const BOT =
  /bot\b|bot[/;-]|crawl|spider|slurp|scrape|headless|lighthouse|pagespeed|gtmetrix|phantomjs|puppeteer|playwright|selenium|webdriver|prerender|preview|facebookexternalhit|embedly|monitor|uptime|pingdom|statuscake|curl\/|wget\/|python-|java\/|okhttp|go-http-client|axios\/|node-fetch|httpclient|libwww|scrapy/i;

/** A missing, implausibly short or too long user agent counts as a bot too. */
export function isBot(userAgent: string | null): boolean {
  if (!userAgent || userAgent.length < 20 || userAgent.length > 1_000) return true;
  return BOT.test(userAgent);
}
