import { describe, expect, it } from 'vitest';
import { parseClientMessage, parseServerMessage } from '../../src/shared/hosts/messages';

describe('the messages between a page and a core host', () => {
  it('accepts a numbered call and refuses anything else, keeping the id when there is one', () => {
    expect(parseClientMessage('{"id":3,"method":"system.info","input":{}}')).toEqual({
      ok: true,
      id: 3,
      method: 'system.info',
      input: {},
    });
    expect(parseClientMessage('{"id":4,"method":7}')).toMatchObject({ ok: false, id: 4 });
    expect(parseClientMessage('not json')).toMatchObject({ ok: false, id: null });
  });

  it('lets a page read only the host’s own messages', () => {
    expect(parseServerMessage('{"type":"hello","clientId":"c1"}')).toEqual({ type: 'hello', clientId: 'c1' });
    expect(
      parseServerMessage(
        '{"type":"response","id":1,"response":{"ok":false,"error":{"code":"x","message":"m"}}}',
      ),
    ).toMatchObject({ type: 'response', id: 1, response: { ok: false } });
    expect(parseServerMessage('{"type":"events","batch":[{"name":"a","payload":1}]}')).toMatchObject({
      type: 'events',
    });
    // A handler that returned nothing: JSON drops the undefined result, the reply must still arrive.
    expect(parseServerMessage('{"type":"response","id":2,"response":{"ok":true}}')).toEqual({
      type: 'response',
      id: 2,
      response: { ok: true },
    });
    expect(parseServerMessage('{"type":"response","id":1}')).toBeUndefined();
    expect(parseServerMessage('{"type":"other"}')).toBeUndefined();
    expect(parseServerMessage('{')).toBeUndefined();
  });
});
