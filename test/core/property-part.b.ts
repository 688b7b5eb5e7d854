/** Selects part b of property.test.ts (see property-part-b.test.ts). */
(globalThis as { __propertyPart?: 'a' | 'b' }).__propertyPart = 'b';
export {};
