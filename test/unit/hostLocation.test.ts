import { strict as assert } from "node:assert";
import { test } from "node:test";
import { hostLocation } from "../../src/core/hostLocation";

// A socket path longer than sockaddr_un allows is cut short by the kernel without an error: the
// first host listens, but the file it leaves is not at the path a later host clears, so after a
// crash no host could start again.
test("the runner host's socket path fits a Unix socket address, however long the storage and temporary folders", { skip: process.platform === "win32" }, () => {
  const saved = process.env.TMPDIR;
  const long = (name: string) => `/${name}/${"x".repeat(90)}`;
  try {
    for (const tmp of ["/tmp", long("tmp")]) {
      process.env.TMPDIR = tmp;
      for (const storage of ["/home/u/.config/Code/ws/1", long("storage")]) {
        const { socket } = hostLocation(storage);
        assert.ok(Buffer.byteLength(socket) <= 100, `${socket} is ${Buffer.byteLength(socket)} bytes`);
        assert.notEqual(hostLocation(`${storage}-other`).socket, socket, "another folder's host has another socket");
      }
    }
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
});
