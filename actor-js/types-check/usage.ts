// Compiled with `tsc --noEmit` by scripts/test-js.sh: the README example's
// shapes must type-check against index.d.ts.
import init, { Registry, Network, LiveMemoryStateHandle, type Actor, type ActorRunContext, type SlotView } from '@actorflow/js';

class Counter implements Actor {
  inports = ['in'];
  outports = ['out'];
  state: LiveMemoryStateHandle | null = null;
  run(context: ActorRunContext): void {
    const n = ((context.state.get('count') as number | undefined) ?? 0) + 1;
    context.state.set('count', n);
    context.send({ out: n });
  }
}

export async function main(): Promise<number[]> {
  await init();
  const registry = new Registry();
  registry.register('js/Counter', () => new Counter(), 'counts packets');
  registry.registerFbp('lib/Counted', 'INPORT=c.IN:IN\nOUTPORT=c.OUT:OUT\nc(js/Counter)\n', 'Counted.fbp');
  registry.registerGraph('lib/Relay', { processes: { r: { component: 'core/Repeat' } } });
  const problems: string[] = registry.problems('lib/Counted');
  const isGraph: boolean = registry.isGraph('lib/Relay');
  console.log(problems.length, isGraph);
  const net = Network.fromFbp('INPORT=c.IN:IN\nOUTPORT=c.OUT:OUT\nc(js/Counter)\n', registry);
  const state: LiveMemoryStateHandle = net.state('c');
  const stop: () => void = state.subscribe('count', (v) => console.log(v));
  const store = state.store('count');
  store.subscribe((v) => console.log(v))();
  state.declareHot(['level']);
  const view: SlotView = state.slots('level');
  const level: number = view.array[0] + (state.getNumber('level') ?? 0);
  view.array[0] = level + 1;
  const changed: number = view.commit();
  const big: bigint | undefined = typeof state.get('id') === 'bigint' ? (state.get('id') as bigint) : undefined;
  console.log(changed, big);
  const out = net.outport('out');
  net.start();
  await net.send('in', level);
  net.close();
  const got: number[] = [];
  for await (const v of out) got.push(v as number);
  const report = await net.wait();
  console.log(report.reason, report.connections.length);
  stop();
  return got;
}

// @actorflow/js/svelte: the types of liveState and liveField.
import { liveState, liveField, type LiveField, type LiveState } from '@actorflow/js/svelte';

export function runes(handle: LiveMemoryStateHandle): number {
  const live: LiveState<{ count: number; name?: string }> = liveState<{ count: number; name?: string }>(handle);
  live.count += 1;
  live.name = 'x';
  const any = liveState(handle);
  any.whatever = { nested: [1, 'two', null] };
  const max: LiveField<number> = liveField<number>(handle, 'max');
  max.current = max.current * 2;
  const key: string = max.key;
  // @ts-expect-error a live field of a number takes numbers only
  max.current = 'high';
  // @ts-expect-error state values are JSON-shaped: no functions
  any.callback = () => 1;
  return live.count + key.length;
}
