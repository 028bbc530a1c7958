// Reading a .vsix (a zip) without an unzip tool.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";

type Entry = { method: number; size: number; offset: number; mode: number };

/** A .vsix's entries by name, from the zip's central directory (no ZIP64: a .vsix is small). */
export function readZip(file: string) {
  const zip = readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, `${file} is not a zip`);
  const entries = new Map<string, Entry>();
  let at = zip.readUInt32LE(end + 16);
  for (let i = zip.readUInt16LE(end + 10); i > 0; i--) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, `${file}: bad central directory`);
    const nameLength = zip.readUInt16LE(at + 28);
    entries.set(zip.toString("utf8", at + 46, at + 46 + nameLength), {
      method: zip.readUInt16LE(at + 10),
      size: zip.readUInt32LE(at + 20),
      offset: zip.readUInt32LE(at + 42),
      mode: zip.readUInt32LE(at + 38) >>> 16, // unix mode, in the external attributes
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return Object.assign(entries, {
    read(name: string): Buffer {
      const entry = entries.get(name);
      assert.ok(entry, `${name} is missing`);
      const start = entry.offset + 30 + zip.readUInt16LE(entry.offset + 26) + zip.readUInt16LE(entry.offset + 28);
      const data = zip.subarray(start, start + entry.size);
      return entry.method === 8 ? inflateRawSync(data) : data;
    },
  });
}
