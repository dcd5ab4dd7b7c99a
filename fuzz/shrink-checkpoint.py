#!/usr/bin/env python3
# Shrinks a real checkpoint.safetensors into a fuzz seed: every tensor of more than 8 values is
# cut to at most 3 per dimension (its first values kept), offsets and the CRC32 recomputed.
# Usage: fuzz/shrink-checkpoint.py RUN_DIR/checkpoint.safetensors fuzz/corpus/checkpoint/NAME.safetensors
import json, struct, sys, zlib
src, dst = sys.argv[1], sys.argv[2]
b = open(src, 'rb').read()
n = struct.unpack('<Q', b[:8])[0]
h = json.loads(b[8:8+n]); data = b[8+n:]
meta = h.pop('__metadata__'); meta.pop('neurotop.crc32', None)
size = {'F32':4,'F64':8,'I64':8,'U64':8,'U32':4,'I32':4,'U8':1,'F16':2}
out = bytearray(); fields = []
for name, t in sorted(h.items(), key=lambda kv: kv[1]['data_offsets'][0]):
    s = t['shape']; e = size[t['dtype']]; b0, b1 = t['data_offsets']
    count = 1
    for d in s: count *= d
    if count > 8:
        s = [min(d, 3) for d in s]
        count = 1
        for d in s: count *= d
    chunk = data[b0:b0 + count * e]
    begin = len(out); out += chunk
    fields.append((name, {'dtype': t['dtype'], 'shape': s, 'data_offsets': [begin, len(out)]}))
meta['neurotop.crc32'] = '%08x' % zlib.crc32(bytes(out))
hdr = {'__metadata__': dict(sorted(meta.items()))}
for k, v in fields: hdr[k] = v
text = json.dumps(hdr, separators=(',', ':')).encode()
while (8 + len(text)) % 8: text += b' '
open(dst, 'wb').write(struct.pack('<Q', len(text)) + text + bytes(out))
print(dst, 8 + len(text) + len(out))
