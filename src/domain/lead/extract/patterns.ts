/** Patterns more than one extractor uses. */

export const EMAIL = /[\p{L}\p{N}._%+'-]+@(?:[\p{L}\p{N}-]+\.)+[\p{L}]{2,}/gu;

/** A line that closes a message before the signature ("Best,", "Saludos", "Cordialement"). */
export const SIGN_OFF =
  /^(?:best|best regards|kind regards|regards|thanks|thank you|many thanks|cheers|sincerely|warm regards|all the best|saludos|un saludo|atentamente|cordialmente|viele gru(?:ss|ß)e|beste gru(?:ss|ß)e|mit freundlichen gru(?:ss|ß)en|freundliche gru(?:ss|ß)e|lg|mfg|cordialement|bien a vous|merci|bien cordialement|--|—)\s*[,!.]?$/i;
