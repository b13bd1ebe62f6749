/**
 * Why the key could not be used at all. checkSignature turns it into the result's `reason`; it never
 * leaves src/main/jwt.
 */
export class KeyProblem extends Error {}
