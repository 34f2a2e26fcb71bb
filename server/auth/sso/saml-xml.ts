// Just enough SAML 2.0 XML for the demo identity provider and Rocket.Chat's service provider to talk: an
// AuthnRequest (HTTP-Redirect binding: deflated, base64) and a Response with one Assertion (HTTP-POST: base64).
import { deflateRawSync, inflateRawSync } from 'node:zlib';

const xmlEscape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const attr = (xml: string, element: string, name: string): string | undefined =>
  new RegExp(`<(?:saml2?p?:)?${element}\\b[^>]*\\s${name}="([^"]*)"`).exec(xml)?.[1];
const text = (xml: string, element: string): string | undefined =>
  new RegExp(`<(?:saml2?:)?${element}\\b[^>]*>([^<]*)</`).exec(xml)?.[1];

export function authnRequest(input: { id: string; acsUrl: string; issuer: string }): string {
  const xml = `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"`
    + ` ID="${xmlEscape(input.id)}" Version="2.0" IssueInstant="${new Date().toISOString()}"`
    + ` ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" AssertionConsumerServiceURL="${xmlEscape(input.acsUrl)}">`
    + `<saml:Issuer>${xmlEscape(input.issuer)}</saml:Issuer></samlp:AuthnRequest>`;
  return deflateRawSync(Buffer.from(xml, 'utf8')).toString('base64');
}

export function readAuthnRequest(encoded: string): { id: string; acsUrl: string } | undefined {
  try {
    const xml = inflateRawSync(Buffer.from(encoded, 'base64')).toString('utf8');
    const id = attr(xml, 'AuthnRequest', 'ID');
    const acsUrl = attr(xml, 'AuthnRequest', 'AssertionConsumerServiceURL');
    return id && acsUrl ? { id, acsUrl } : undefined;
  } catch {
    return undefined;
  }
}

export function samlResponse(input: { inResponseTo: string; assertionId: string; issuer: string; nameId: string; destination: string }): string {
  const now = new Date().toISOString();
  const xml = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"`
    + ` ID="_r${xmlEscape(input.assertionId)}" Version="2.0" IssueInstant="${now}" Destination="${xmlEscape(input.destination)}" InResponseTo="${xmlEscape(input.inResponseTo)}">`
    + `<saml:Issuer>${xmlEscape(input.issuer)}</saml:Issuer>`
    + '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>'
    + `<saml:Assertion ID="${xmlEscape(input.assertionId)}" Version="2.0" IssueInstant="${now}"><saml:Issuer>${xmlEscape(input.issuer)}</saml:Issuer>`
    + `<saml:Subject><saml:NameID>${xmlEscape(input.nameId)}</saml:NameID></saml:Subject></saml:Assertion></samlp:Response>`;
  return Buffer.from(xml, 'utf8').toString('base64');
}

export function readSamlResponse(encoded: string): { inResponseTo: string; assertionId: string; issuer: string; nameId: string } | undefined {
  const xml = Buffer.from(encoded, 'base64').toString('utf8');
  const inResponseTo = attr(xml, 'Response', 'InResponseTo');
  const assertionId = attr(xml, 'Assertion', 'ID');
  const issuer = text(xml, 'Issuer');
  const nameId = text(xml, 'NameID');
  return inResponseTo && assertionId && issuer && nameId ? { inResponseTo, assertionId, issuer, nameId } : undefined;
}
