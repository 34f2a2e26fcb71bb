// A few lines of "browser" for the SSO tests: follows redirects, reads a page's forms, posts them.
// No scripts run here; the tests that need a real browser use Chromium (tests/rocketchat/sso.live.test.ts).

export interface Page {
  url: string;
  status: number;
  html: string;
}

/** GET or POST (urlencoded), following redirects as a browser does; `visited` gets every address. */
export async function go(url: string, form?: Record<string, string>, visited: string[] = []): Promise<Page> {
  let target = url;
  let body: URLSearchParams | undefined = form ? new URLSearchParams(form) : undefined;
  for (let hops = 0; hops < 10; hops += 1) {
    visited.push(target);
    const response = await fetch(target, {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      ...(body ? { body, headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {}),
    });
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      target = new URL(location, target).toString();
      body = undefined;
      continue;
    }
    return { url: target, status: response.status, html: await response.text() };
  }
  throw new Error('too many redirects');
}

const decode = (text: string): string => text.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The page's first form: its action (absolute) and its hidden fields. */
export function formOf(page: Page): { action: string; fields: Record<string, string> } {
  const action = /<form[^>]*action="([^"]*)"/.exec(page.html)?.[1];
  if (action === undefined) throw new Error(`no form on ${page.url}`);
  const fields: Record<string, string> = {};
  for (const match of page.html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) fields[decode(match[1] ?? '')] = decode(match[2] ?? '');
  return { action: new URL(decode(action), page.url).toString(), fields };
}

/** Fills user + password into the identity provider's form and sends it. */
export function signInAt(page: Page, username: string, password: string, visited?: string[]): Promise<Page> {
  const { action, fields } = formOf(page);
  return go(action, { ...fields, username, password }, visited);
}

/** What an error paragraph on the page says, if any. */
export const alertOf = (page: Page): string | undefined => /role="alert">([^<]*)</.exec(page.html)?.[1];
