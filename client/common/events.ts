/**
 * Emits a composed, bubbling custom event from `el` (names are prefixed `sk-`).
 * Typed through `GlobalEventHandlersEventMap` where each event is declared.
 */
export function emit<T>(el: EventTarget, name: `sk-${string}`, detail?: T): boolean {
  return el.dispatchEvent(new CustomEvent<T>(name, { detail, bubbles: true, composed: true, cancelable: true }));
}
