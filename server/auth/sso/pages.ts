// The HTML the SSO flow shows: the identity provider's sign-in form and the service provider's end pages.
// Deliberately plain: a form with user + password, like any company IdP's first page.

const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');

function page(title: string, body: string, script = ''): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>`
    + '<meta name="viewport" content="width=device-width, initial-scale=1">'
    + '<style>body{font-family:sans-serif;max-width:22rem;margin:3rem auto;padding:0 1rem}label{display:block;margin:.75rem 0}'
    + 'input{display:block;width:100%;padding:.4rem;box-sizing:border-box}button{margin-top:1rem;padding:.5rem 1rem}'
    + '.error{color:#b00020}</style>'
    + `</head><body>${body}${script}</body></html>`;
}

/** The identity provider's sign-in form; `hidden` carries the protocol's own fields through the POST. */
export function idpLoginForm(protocol: string, action: string, hidden: Record<string, string>, error?: string): string {
  const fields = Object.entries(hidden).map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`).join('');
  return page('Demo identity provider', `<h1>Demo identity provider</h1><p>Sign in to continue (${escape(protocol)}).</p>`
    + (error ? `<p class="error" role="alert">${escape(error)}</p>` : '')
    + `<form method="post" action="${escape(action)}">${fields}`
    + '<label>Username <input name="username" autocomplete="username" required autofocus></label>'
    + '<label>Password <input name="password" type="password" autocomplete="current-password" required></label>'
    + '<button type="submit">Sign in</button></form>');
}

/** SAML's HTTP-POST binding: the browser carries the response to the service provider (a button without script). */
export function samlPostForm(acsUrl: string, samlResponse: string, relayState: string): string {
  return page('Signing in…', `<form method="post" action="${escape(acsUrl)}" id="saml">`
    + `<input type="hidden" name="SAMLResponse" value="${escape(samlResponse)}">`
    + `<input type="hidden" name="RelayState" value="${escape(relayState)}">`
    + '<noscript><button type="submit">Continue</button></noscript></form>',
  '<script>document.getElementById("saml").submit()</script>');
}

/** Rocket.Chat's `closePopup` after a CAS ticket (and after a failed one alike). */
export const CLOSE_POPUP = '<html><head><script>window.close()</script></head></html>';

/** What `/saml/<token>` shows here; a real server serves its web app, which signs in by itself. */
export const SAML_LANDING = page('Signed in', '<p>Signed in. You can close this window.</p>');

/**
 * Meteor's end of an OAuth popup (`end_of_popup_response`), as Rocket.Chat renders it: the config travels in
 * the page; with `isCordova` (how the mobile app asks) the credentials go into the URL's hash, for the app
 * that watches the window; else the secret stays in this origin's storage for the web app, and the page closes.
 */
export function oauthEndOfPopup(config: { setCredentialToken: boolean; credentialToken?: string; credentialSecret?: string; isCordova: boolean }): string {
  const json = JSON.stringify({ ...config, storagePrefix: 'Meteor.oauth.credentialSecret-' }).replace(/</g, '\\u003c');
  return page('Login completed', `<div id="config" style="display:none;">${escape(json)}</div>`
    + '<p id="completedText" style="display:none;">Login completed. <a href="#" id="loginCompleted">Click here</a> to close this window.</p>',
  '<script>(function(){var c=JSON.parse(document.getElementById("config").textContent);'
    + 'if(c.setCredentialToken){if(c.isCordova){window.location.hash=JSON.stringify({credentialToken:c.credentialToken,credentialSecret:c.credentialSecret});}'
    + 'else{try{localStorage[c.storagePrefix+c.credentialToken]=c.credentialSecret;}catch(e){}}}'
    + 'if(!c.isCordova){document.getElementById("completedText").style.display="block";window.close();}})();</script>');
}
