// SlotView: a zero-copy Float64Array over hot fields in wasm memory, for
// reading and for batched writes.

/**
 * A zero-copy view of hot numeric fields: a `Float64Array` over the
 * `SharedSlotBuffer` inside wasm memory.
 *
 * **Reading.** `view.array[i]` (or `view.get(i)`) is a plain typed-array
 * read: no call into wasm, no copy, and it sees every write, from Rust or
 * JS, as soon as that write returns. When wasm memory grows, its old
 * `ArrayBuffer` is detached and every typed array over it reads as empty;
 * `view.array` checks for that with one comparison (slot 0 reads
 * `undefined` only then, since a view is never empty) and re-makes the
 * array. So reading through `view.array` or `view.get` is always safe; a
 * `Float64Array` kept aside is valid only until the next call that may
 * allocate.
 *
 * **Writing.** `view.array[i] = x` stores into the shared memory at once:
 * every read of that slot, by Rust or JS, sees `x` from then on. But the
 * reactive graph is not told: deriveds keep their cached values, and no
 * effect, repeater, subscriber or `onHotChange` notifier runs, until
 * `view.commit()`. The commit reports every slot of the view whose value
 * differs from the one the graph last saw, as **one batch**: deriveds,
 * effects and repeaters run once and see all of the commit's values
 * together, subscribers are called once per changed field, the notifier
 * once. A write never committed stays in memory, readable but unreported,
 * until a later commit over its slot, `setNumber` of that field, or
 * `notifyChanged(name)`. Between the writes and the commit, Rust code that
 * reads the slots (if JS calls into it) sees the values written so far.
 */
export class SlotView {
  /**
   * @param {object} state the LiveMemoryStateHandle (kept: it keeps the buffer alive)
   * @param {WebAssembly.Memory} memory the module's memory
   * @param {string} [name] one hot field; all of them when omitted
   */
  constructor(state, memory, name) {
    const fields = state.hotFields();
    if (fields.length === 0) throw new Error('the state has no hot fields (call declareHot first)');
    let first = 0;
    if (name === undefined) {
      /** The hot field of each element, in order. */
      this.names = fields;
    } else {
      first = fields.indexOf(name);
      if (first < 0) throw new Error(`no hot field ${JSON.stringify(name)} (declared: ${fields.join(', ')})`);
      this.names = [name];
    }
    // Plain (not #private) fields: V8 reads them faster in the `array`
    // getter, which runs on every element read.
    this._state = state;
    this._memory = memory;
    this._first = first;
    this._array = this._make();
  }

  _make() {
    const [byteOffset] = this._state.slotsLocation();
    return new Float64Array(this._memory.buffer, byteOffset + 8 * this._first, this.names.length);
  }

  /** The typed array, re-made first if wasm memory has grown since. */
  get array() {
    const array = this._array;
    // The store is in `remake`, not here: with a store in the getter, V8
    // reloaded the array on every read of a loop (1.55x a held array's
    // read, against 1.2x this way; see BENCHMARKS.md).
    return array[0] !== undefined ? array : remake(this);
  }

  /** Re-makes the typed array if its buffer is no longer `memory.buffer`. */
  refresh() {
    if (this._array.buffer !== this._memory.buffer) remake(this);
  }

  /** The number of slots in the view. */
  get length() {
    return this.names.length;
  }

  /** Slot `i` of the view (0-based; default 0), or the slot of field `name`. */
  get(i = 0) {
    // One read and one comparison on the usual path: a detached array, a
    // field name or an index out of range all read `undefined`.
    const x = this._array[i];
    return x !== undefined ? x : this._getSlow(i);
  }

  _getSlow(i) {
    const array = this.array; // re-made if wasm memory grew
    return array[typeof i === 'string' ? this.names.indexOf(i) : i];
  }


  /**
   * Reports the writes made through this view to the reactive graph, as
   * one batch (see the class docs). Returns how many fields changed.
   * @returns {number}
   */
  commit() {
    const changed = this._state.commitHot(this._first, this.names.length);
    if (changed === 0xffffffff) throw new Error('the view is outside the hot fields');
    return changed;
  }
}

/** Re-makes `view`'s typed array over the current `memory.buffer`. */
function remake(view) {
  return (view._array = view._make());
}
