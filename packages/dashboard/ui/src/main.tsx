import { render } from 'preact';
import { App } from './app.js';
import type { PageConfig } from './context.js';
import './style.css';

function readConfig(): PageConfig {
  const content = document.querySelector<HTMLMetaElement>('meta[name="hookwire-config"]')?.content;
  const fallback: PageConfig = { mode: 'console', apiBase: '/api', inbox: false, name: 'Hookwire console' };
  if (!content) return fallback;
  try {
    return { ...fallback, ...(JSON.parse(content) as Partial<PageConfig>) };
  } catch {
    return fallback;
  }
}

const config = readConfig();
// Theme colours through the CSSOM: allowed by a CSP without 'unsafe-inline' styles.
const root = document.documentElement.style;
if (config.colors?.accent) root.setProperty('--accent', config.colors.accent);
if (config.colors?.background) root.setProperty('--background', config.colors.background);
if (config.colors?.text) root.setProperty('--text', config.colors.text);
document.title = config.name;
render(<App config={config} />, document.getElementById('app')!);
