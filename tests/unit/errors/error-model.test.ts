import { silentLogger } from '@core/logging/logger';
import { asProviderError, TransientProviderError } from '@core/providers/provider';
import { createDispatch } from '@core/rpc/dispatch';
import type { Handlers } from '@shared/contract';
import { AppError, errorMessage, ProviderError } from '@shared/errors';
import { describe, expect, it } from 'vitest';

/** A dispatch whose `system.info` handler throws `err`: what each kind of failure becomes for the caller. */
const failingWith = (err: unknown) =>
  createDispatch(
    {
      'system.info': () => {
        throw err;
      },
    } as unknown as Handlers,
    silentLogger,
  )('system.info', {}, { clientId: 'test' });

describe('dispatch maps errors to what the caller reads', () => {
  it('a ProviderError keeps its words, as unavailable', async () => {
    expect(await failingWith(new ProviderError('Twilio answered 401: authenticate'))).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'Twilio answered 401: authenticate' },
    });
  });

  it('a transient provider failure is a provider error too', async () => {
    expect(await failingWith(new TransientProviderError('ElevenLabs did not answer in time', 2000))).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'ElevenLabs did not answer in time' },
    });
  });

  it('an AppError keeps its code, message and issues', async () => {
    const issues = [{ path: 'name', message: 'required' }];
    expect(await failingWith(new AppError('invalid_input', 'Name: required', issues))).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Name: required', issues },
    });
  });

  it('anything else is internal, without its (possibly secret) words', async () => {
    const response = await failingWith(new TypeError('cannot read properties of undefined (token sk_live)'));
    expect(response).toEqual({
      ok: false,
      error: { code: 'internal', message: 'system.info failed unexpectedly; see the log for details' },
    });
  });
});

describe('asProviderError', () => {
  it('keeps an AppError as it is and turns anything else into a redacted ProviderError', () => {
    const conflict = new AppError('conflict', 'Bob is already handling this call');
    expect(asProviderError(conflict)).toBe(conflict);
    const wrapped = asProviderError(new Error('refused for +13055550142'), (t) =>
      t.replace(/\+\d+/g, '[phone]'),
    );
    expect(wrapped).toBeInstanceOf(ProviderError);
    expect(wrapped.toBody()).toEqual({ code: 'unavailable', message: 'refused for [phone]' });
  });
});

describe('errorMessage', () => {
  it('reads an Error, a string, or any other value', () => {
    expect(errorMessage(new Error('disk full'))).toBe('disk full');
    expect(errorMessage('plain words')).toBe('plain words');
    expect(errorMessage({ code: 42 })).toBe('{"code":42}');
    expect(errorMessage(undefined)).toBe('undefined');
  });
});
