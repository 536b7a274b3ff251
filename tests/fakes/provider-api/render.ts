import { type FakeCall, viewCall } from './fake-calls';

/** Twilio writes dates as RFC 2822 with a numeric zone: "Tue, 24 Nov 2026 15:00:00 +0000". */
export const rfc2822 = (ms: number | undefined) =>
  ms === undefined ? null : new Date(ms).toUTCString().replace('GMT', '+0000');

const usdPerMinute = 0.014;
/** Twilio fills in a call's price some time after it ends ("may not be immediately available"). */
export const priceDelayMs = 20_000;

/** A Call resource as Twilio's REST API returns it (snake_case, strings for numbers). */
export function twilioCallJson(call: FakeCall, now: number) {
  const view = viewCall(call, now);
  const final = view.endTime !== undefined;
  const billedMinutes = Math.ceil((view.durationSeconds ?? 0) / 60);
  const priced = final && now >= view.endTime! + priceDelayMs;
  const uri = `/2010-04-01/Accounts/${call.accountSid}/Calls/${call.sid}.json`;
  return {
    sid: call.sid,
    date_created: rfc2822(call.createdAt),
    date_updated: rfc2822(Math.min(now, view.endTime ?? now)),
    parent_call_sid: null,
    account_sid: call.accountSid,
    to: call.to,
    to_formatted: call.to,
    from: call.from,
    from_formatted: call.from,
    phone_number_sid: 'PN00000000000000000000000000000001',
    status: view.status,
    start_time: rfc2822(view.startTime),
    end_time: rfc2822(view.endTime),
    // Empty for busy, failed, unanswered and ongoing calls (Twilio's Call resource).
    duration: view.durationSeconds === undefined ? null : String(view.durationSeconds),
    price: priced ? (-(billedMinutes * usdPerMinute)).toFixed(5) : null,
    price_unit: 'USD',
    direction: 'outbound-api',
    answered_by: view.answeredBy ?? null,
    api_version: '2010-04-01',
    forwarded_from: null,
    group_sid: null,
    caller_name: null,
    queue_time: '0',
    trunk_sid: null,
    uri,
    subresource_uris: {
      notifications: uri.replace('.json', '/Notifications.json'),
      recordings: uri.replace('.json', '/Recordings.json'),
      events: uri.replace('.json', '/Events.json'),
    },
  };
}

export function twilioPage<T>(key: string, items: T[], uri: string, pageSize: number) {
  return {
    [key]: items.slice(0, pageSize),
    end: Math.max(0, Math.min(items.length, pageSize) - 1),
    first_page_uri: uri,
    next_page_uri: null,
    page: 0,
    page_size: pageSize,
    previous_page_uri: null,
    start: 0,
    uri,
  };
}

export const twilioError = (status: number, code: number, message: string) => ({
  code,
  message,
  more_info: `https://www.twilio.com/docs/errors/${code}`,
  status,
});
