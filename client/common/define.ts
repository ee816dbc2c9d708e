/**
 * Registers a custom element unless the tag is already taken: a portal that
 * embeds our boxes and loads a second copy of them keeps working.
 */
export function define(tag: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}
