import { UsageError } from '../errors.js';
import type { SavedRequest } from './saved.js';

type Captured = Pick<SavedRequest, 'method' | 'url' | 'headers' | 'body'>;

/** Splits a shell command line as a POSIX shell would for quoting: '…', "…", \-escapes, line continuations. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const close = line.indexOf("'", i + 1);
      if (close === -1) throw new UsageError('the curl command has an unclosed single quote.');
      word += line.slice(i + 1, close);
      i = close;
      inWord = true;
    } else if (c === '"') {
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '\\' && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1]!)) i++;
        word += line[i];
        i++;
      }
      if (i >= line.length) throw new UsageError('the curl command has an unclosed double quote.');
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      i++;
      if (line[i] !== '\n') {
        word += line[i];
        inWord = true;
      }
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

const DATA_FLAGS = new Set(['-d', '--data', '--data-raw', '--data-binary', '--data-ascii']);

/** A `curl …` command line (as browsers' "Copy as cURL" and provider dashboards give it). */
export function parseCurl(command: string): Captured {
  const words = shellWords(command.trim());
  if (words[0] === 'curl') words.shift();
  let method: string | undefined;
  let url: string | undefined;
  const headers: [string, string][] = [];
  const data: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const value = () => {
      const next = words[++i];
      if (next === undefined) throw new UsageError(`curl option ${word} needs a value.`);
      return next;
    };
    if (word === '-X' || word === '--request') method = value().toUpperCase();
    else if (word === '-H' || word === '--header') {
      const header = value();
      const colon = header.indexOf(':');
      if (colon <= 0) throw new UsageError(`curl header "${header}" is not "Name: value".`);
      headers.push([header.slice(0, colon).trim(), header.slice(colon + 1).trim()]);
    } else if (DATA_FLAGS.has(word)) {
      const body = value();
      if (body.startsWith('@') && word !== '--data-raw') {
        throw new UsageError(
          `curl ${word} ${body} reads a file; paste the body into the command (--data-raw) or save the request with \`hookwire listen\`.`,
        );
      }
      data.push(body);
    } else if (word === '--url') url = value();
    else if (word.startsWith('-')) {
      // Flags without a value (-s, -v, --compressed…) change nothing the receiver sees.
      if (
        [
          '-u',
          '--user',
          '-A',
          '--user-agent',
          '-e',
          '--referer',
          '-b',
          '--cookie',
          '-o',
          '--output',
        ].includes(word)
      ) {
        throw new UsageError(`curl option ${word} is not supported here: write it as a header (-H) instead.`);
      }
    } else url = word;
  }
  if (!url) throw new UsageError('the curl command has no URL.');
  const body = data.join('&');
  if (data.length > 0 && !headers.some(([name]) => name.toLowerCase() === 'content-type')) {
    headers.push(['Content-Type', 'application/x-www-form-urlencoded']);
  }
  const host = new URL(url).host;
  if (!headers.some(([name]) => name.toLowerCase() === 'host')) headers.unshift(['Host', host]);
  return {
    method: method ?? (data.length > 0 ? 'POST' : 'GET'),
    url,
    headers,
    body: Buffer.from(body).toString('base64'),
  };
}
