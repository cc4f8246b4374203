import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { bodyTooLarge, declaresBodyOver, WebhookError } from '@hookwire/core';

/**
 * Reads a request body into one buffer, up to `limit` bytes. A body announced larger by its
 * Content-Length is refused before a byte is read; one that grows past the limit stops being read at
 * once (the caller answers 413 and closes the connection, so the rest is never buffered).
 */
export function readBody(stream: IncomingMessage | Readable, limit: number): Promise<Buffer> {
  const declared = 'headers' in stream ? stream.headers['content-length'] : undefined;
  if (declaresBodyOver(declared, limit)) return Promise.reject(bodyTooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        stop();
        stream.pause();
        reject(bodyTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onError = (cause: unknown) => {
      stop();
      reject(endedEarly(cause));
    };
    const onClose = () => {
      stop();
      reject(endedEarly());
    };
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.on('close', onClose);
  });
}

function endedEarly(cause?: unknown): WebhookError {
  return new WebhookError(
    'malformed_body',
    'The request body ended early: the connection closed while it was being read.',
    cause === undefined ? undefined : { cause },
  );
}
