/** The bot scopes an install asks for: the same list as manifest.yml (a test holds them together). */
export const BOT_SCOPES = [
  "commands",
  "chat:write",
  "app_mentions:read",
  "im:history",
  "channels:history",
  "groups:history",
  "reactions:write",
  "users:read",
  "files:write",
  "files:read",
  "im:write",
] as const;
