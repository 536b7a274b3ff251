import type { z } from 'zod';

declare const phantom: unique symbol;
/** A type carried by a value that holds nothing at run time. */
export interface Phantom<T> {
  readonly [phantom]?: T;
}

export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  output: Phantom<O>;
}

/** Declares an RPC method: its input is validated with `input` at every host; it resolves to `O`. */
export function method<O>() {
  return <I extends z.ZodType>(input: I): MethodSpec<I, O> => ({ input, output: {} });
}

/** Declares an event whose payload is `P`. Events come from core, so they are typed, not parsed. */
export function event<P>(): Phantom<P> {
  return {};
}

export type MethodSpecs = Record<string, MethodSpec>;
export type EventSpecs = Record<string, Phantom<unknown>>;

export type InputOf<S extends MethodSpec> = z.input<S['input']>;
export type ParsedInputOf<S extends MethodSpec> = z.output<S['input']>;
export type OutputOf<S extends MethodSpec> = S['output'] extends Phantom<infer O> ? O : never;
export type PayloadOf<P> = P extends Phantom<infer T> ? T : never;

/** Who is calling: each window or browser page is one client (takeover holders are tracked by it). */
export interface CallContext {
  clientId: string;
}

/** The implementation of a group of methods, as core provides it. */
export type HandlersOf<M extends MethodSpecs> = {
  [K in keyof M]: (
    input: ParsedInputOf<M[K]>,
    context: CallContext,
  ) => Promise<OutputOf<M[K]>> | OutputOf<M[K]>;
};
