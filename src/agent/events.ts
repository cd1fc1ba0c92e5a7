// The agent events of PROTOCOL.md's SSE stream. Text parts go to the person; function calls and
// responses record the operations the agent ran.
import { randomUUID } from 'node:crypto';

export type Part =
  | { text: string }
  | { function_call: { id: string; name: string; args: Record<string, unknown> } }
  | { function_response: { id: string; name: string; response: Record<string, unknown> } };

export interface AgentEvent {
  id: string;
  invocation_id: string;
  author: 'nemo_agent';
  timestamp: number;
  content: { role: 'model'; parts: Part[] };
  partial: boolean;
  turn_complete: boolean;
}

export const AUTHOR = 'nemo_agent';

/** Builds the events of one invocation (turn), all sharing its id. */
export function eventFactory(invocationId: string = `e-${randomUUID()}`, clock: () => number = Date.now) {
  const event = (parts: Part[], opts: { partial?: boolean; turn_complete?: boolean } = {}): AgentEvent => ({
    id: randomUUID(),
    invocation_id: invocationId,
    author: AUTHOR,
    timestamp: clock() / 1000,
    content: { role: 'model', parts },
    partial: opts.partial ?? false,
    turn_complete: opts.turn_complete ?? false,
  });
  return {
    invocationId,
    text: (text: string, partial = false) => event([{ text }], { partial }),
    call: (id: string, name: string, args: Record<string, unknown>) => event([{ function_call: { id, name, args } }]),
    response: (id: string, name: string, response: Record<string, unknown>) => event([{ function_response: { id, name, response } }]),
    complete: () => event([], { turn_complete: true }),
  };
}

export type EventFactory = ReturnType<typeof eventFactory>;
