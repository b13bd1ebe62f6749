import { ownValue } from '../../shared/own'

/** A certificate or handshake failure in words: what is wrong, and what the user can do about it. */
export interface TlsProblem {
  /** Completes "Could not set up a secure connection to host: …". */
  problem: string
  fix: string
}

const NEVER_OFF = 'certificate verification is never turned off'

const UNTRUSTED_ISSUER: TlsProblem = {
  problem: 'its certificate is issued by a certificate authority this computer does not trust',
  fix:
    'This happens behind a company proxy that inspects HTTPS, with a vendor’s private CA, or when the server leaves out its intermediate certificate. ' +
    `Add the vendor’s (or the proxy’s) CA certificate in the integration’s TLS settings — ${NEVER_OFF}.`,
}

const PROBLEMS: Record<string, TlsProblem> = {
  // RFC 8446 §4.4.2.4: the TLS 1.3 alert a server sends when it requires a client certificate.
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: {
    problem: 'the server requires a client certificate (mutual TLS) and none was sent',
    fix: 'Add the client certificate and its private key that the vendor issued you (PEM) in the integration’s TLS settings (tls.cert and tls.key).',
  },
  CERT_HAS_EXPIRED: {
    problem: 'its certificate has expired',
    fix: 'Only the vendor can renew its certificate; tell them. Also check that this computer’s date and time are right.',
  },
  CERT_NOT_YET_VALID: {
    problem: 'its certificate is not valid yet',
    fix: 'Check this computer’s date and time (set them to update automatically); otherwise the vendor installed a certificate too early.',
  },
  CERT_REVOKED: {
    problem: 'its certificate has been revoked',
    fix: 'Only the vendor can replace a revoked certificate; tell them, and do not work around it.',
  },
  DEPTH_ZERO_SELF_SIGNED_CERT: {
    problem: 'it presents a self-signed certificate',
    fix: `If you trust this server (a test or on-premises installation), add its certificate in the integration’s TLS settings — ${NEVER_OFF}.`,
  },
  SELF_SIGNED_CERT_IN_CHAIN: {
    problem: 'its certificate chain ends in a self-signed certificate this computer does not trust',
    fix: UNTRUSTED_ISSUER.fix,
  },
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: UNTRUSTED_ISSUER,
  UNABLE_TO_GET_ISSUER_CERT: UNTRUSTED_ISSUER,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: UNTRUSTED_ISSUER,
  ERR_TLS_CERT_ALTNAME_INVALID: {
    problem: 'its certificate is for a different host name',
    fix: `Use the exact host name the vendor documents (with or without "www.", the full domain rather than an IP address). Adding a CA does not fix a name mismatch, and ${NEVER_OFF}.`,
  },
  ERR_SSL_WRONG_VERSION_NUMBER: {
    problem: 'the server did not answer in TLS',
    fix: 'The server probably speaks plain HTTP on this port: check http:// versus https:// and the port in the URL.',
  },
}

const HANDSHAKE_FAILED: TlsProblem = {
  problem: 'the TLS handshake failed',
  fix: `Check http:// versus https:// and the port. If the vendor uses a private CA, add it in the integration’s TLS settings — ${NEVER_OFF}.`,
}

export function describeTlsProblem(code: string | undefined): TlsProblem {
  return (code && ownValue(PROBLEMS, code)) || HANDSHAKE_FAILED
}

/** Node's certificate codes (from OpenSSL's X509_V_ERR_*) and its TLS/SSL error codes. */
export function isTlsCode(code: string): boolean {
  return (
    code in PROBLEMS ||
    code === 'EPROTO' ||
    /^(ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_)/.test(code) ||
    /_SELF_SIGNED_|^HOSTNAME_MISMATCH$|^INVALID_CA$/.test(code)
  )
}
