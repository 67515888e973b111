/** What the node's gateway tells the console at start (GET /console/settings.json). */
export interface Settings {
  node: string;
  role: 'hub' | 'municipality';
  mode: 'development' | 'production';
  persistedOnly: boolean;
  oidc: { issuer: string; clientId: string; scope: string } | null;
  nodes: { node: string; url: string }[];
  roles: string[];
}

export async function loadSettings(): Promise<Settings> {
  const res = await fetch(`${import.meta.env.BASE_URL}settings.json`, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`settings.json: ${res.status}`);
  return (await res.json()) as Settings;
}
