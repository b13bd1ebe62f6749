/**
 * A throwaway PKI made with the openssl command at test time: a CA, a server certificate for
 * 127.0.0.1 and a client certificate, both signed by that CA. Nothing is checked in, nothing outlives
 * the call; keys are P-256, so it takes milliseconds.
 */
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface CertificateAndKey {
  /** PEM */
  cert: string
  /** PEM, PKCS#8 */
  key: string
}

export interface TestPki {
  /** The CA certificate (PEM): what a user would paste as the integration's `tls.ca`. */
  ca: string
  /** For 127.0.0.1 (subjectAltName IP:127.0.0.1), serverAuth. */
  server: CertificateAndKey
  /** CN=tokendesk-test-client, clientAuth: what a user would paste as `tls.cert` and `tls.key`. */
  client: CertificateAndKey
}

/** Whether the openssl command is on PATH; suites that need certificates skip without it. */
export const hasOpenssl: boolean = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes']

export function createTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'tokendesk-pki-'))
  const file = (name: string) => join(dir, name)
  const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' })
  try {
    // The CA's extensions come from our own config, not the system's openssl.cnf, so every machine makes the same CA.
    writeFileSync(
      file('ca.cnf'),
      [
        '[req]',
        'distinguished_name = dn',
        'x509_extensions = ca',
        '[dn]',
        '[ca]',
        'basicConstraints = critical, CA:TRUE',
        'keyUsage = critical, keyCertSign, cRLSign',
        'subjectKeyIdentifier = hash',
        '',
      ].join('\n'),
    )
    openssl(
      ['req', '-x509', ...EC_KEY, '-days', '1', '-config', file('ca.cnf')].concat([
        '-subj',
        '/CN=TokenDesk Test CA',
        '-keyout',
        file('ca.key'),
        '-out',
        file('ca.pem'),
      ]),
    )
    const issue = (name: string, subject: string, extensions: string[]): CertificateAndKey => {
      writeFileSync(file(`${name}.ext`), [...extensions, ''].join('\n'))
      openssl([
        'req',
        '-new',
        ...EC_KEY,
        '-subj',
        subject,
        '-keyout',
        file(`${name}.key`),
        '-out',
        file(`${name}.csr`),
      ])
      openssl(
        ['x509', '-req', '-in', file(`${name}.csr`), '-days', '1', '-sha256'].concat(
          [
            '-CA',
            file('ca.pem'),
            '-CAkey',
            file('ca.key'),
            '-set_serial',
            `0x${randomBytes(8).toString('hex')}`,
          ],
          ['-extfile', file(`${name}.ext`), '-out', file(`${name}.pem`)],
        ),
      )
      return {
        cert: readFileSync(file(`${name}.pem`), 'utf8'),
        key: readFileSync(file(`${name}.key`), 'utf8'),
      }
    }
    const leaf = (usage: string) => [
      'basicConstraints = critical, CA:FALSE',
      'keyUsage = critical, digitalSignature',
      `extendedKeyUsage = ${usage}`,
      'authorityKeyIdentifier = keyid',
    ]
    return {
      ca: readFileSync(file('ca.pem'), 'utf8'),
      server: issue('server', '/CN=127.0.0.1', [...leaf('serverAuth'), 'subjectAltName = IP:127.0.0.1']),
      client: issue('client', '/CN=tokendesk-test-client', leaf('clientAuth')),
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
