import { createPublicKey, X509Certificate, type KeyObject } from 'node:crypto'
import { importSPKI, importX509 } from 'jose'
import type { Candidate } from './candidate'
import { KeyProblem } from './keyProblem'
import { assertKeyFitsAlg, describeKeyType } from './keyType'

const PASTE_PEM =
  'Paste the public key with its -----BEGIN PUBLIC KEY----- and -----END PUBLIC KEY----- lines, or the certificate (-----BEGIN CERTIFICATE-----).'

/**
 * The first `-----BEGIN LABEL-----` … `-----END LABEL-----` block, found with indexOf: the regex
 * `BEGIN (…)-----[\s\S]*?-----END \1-----` retries from every BEGIN to the end of the paste,
 * quadratic on a paste of repeated BEGIN lines.
 */
function firstPemBlock(text: string): [pem: string, label: string] | undefined {
  const begin = text.indexOf('-----BEGIN ')
  if (begin < 0) return undefined
  const labelStart = begin + '-----BEGIN '.length
  const labelEnd = text.indexOf('-----', labelStart)
  const label = labelEnd < 0 ? '' : text.slice(labelStart, labelEnd)
  if (!/^[A-Z0-9 ]{1,40}$/.test(label)) return undefined
  const endLine = `-----END ${label}-----`
  const end = text.indexOf(endLine, labelEnd + 5)
  return end < 0 ? undefined : [text.slice(begin, end + endLine.length), label]
}

/** A pasted PEM public key (SPKI or PKCS#1) or certificate, as the one key to try. */
export async function publicKeyCandidate(text: string, alg: string): Promise<Candidate> {
  const block = firstPemBlock(text)
  if (!block) {
    const json = text.trim().startsWith('{') ? ' This looks like JSON: choose “JWK” instead.' : ''
    throw new KeyProblem(`This is not a PEM key. ${PASTE_PEM}${json}`)
  }
  const [pem, label] = [block[0], block[1]!]
  if (label.includes('PRIVATE KEY')) {
    throw new KeyProblem(
      `This is a private key. ${PASTE_PEM} A private key never needs to leave the server that signs.`,
    )
  }
  if (!['PUBLIC KEY', 'RSA PUBLIC KEY', 'CERTIFICATE'].includes(label)) {
    throw new KeyProblem(`A “${label}” block cannot check signatures. ${PASTE_PEM}`)
  }
  const { keyObject, description } = readPem(pem, label)
  assertKeyFitsAlg(keyObject, alg, description)
  const key =
    label === 'CERTIFICATE'
      ? await importX509(pem, alg)
      : await importSPKI(keyObject.export({ type: 'spki', format: 'pem' }).toString(), alg)
  return {
    key,
    label: description,
    mismatch: `The signature does not match ${description}: the token was signed with another key, or changed after signing.`,
  }
}

/** Node parses the PEM first: it names the key type for the messages and reads PKCS#1 RSA keys too. */
function readPem(pem: string, label: string): { keyObject: KeyObject; description: string } {
  try {
    if (label === 'CERTIFICATE') {
      const certificate = new X509Certificate(pem)
      const subject = certificate.subject.replace(/\n/g, ', ')
      return { keyObject: certificate.publicKey, description: `the certificate for ${subject}` }
    }
    const keyObject = createPublicKey({
      key: pem,
      format: 'pem',
      type: label === 'RSA PUBLIC KEY' ? 'pkcs1' : 'spki',
    })
    return { keyObject, description: `the ${describeKeyType(keyObject)} public key` }
  } catch {
    throw new KeyProblem(
      `The ${label.toLowerCase()} could not be read: part of it is missing or changed. ${PASTE_PEM}`,
    )
  }
}
