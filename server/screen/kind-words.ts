/** Identifier kinds as words in sentences. */
export const KIND_WORDS: Readonly<Record<string, string>> = {
  email: "email address",
  phone: "phone number",
  ip: "IP address",
  device: "device",
  profile: "profile",
  address: "shipping address",
  payment: "payroll account",
};
