// Test helper: image files for content folders. Images are read (their
// headers, and their pixels to build), so a stand-in must be a real image.

/** A valid 1 × 1 RGBA PNG, 70 bytes. */
export const onePixelPng: Uint8Array = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
