// Which addresses a URL upload may connect to: public unicast only. Everything a server can
// reach that the internet cannot (loopback, private ranges, link-local cloud metadata at
// 169.254.169.254, CGNAT) is refused, however it is spelled.
import { BlockList, isIP } from 'node:net';

const notPublic = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network", includes the unspecified 0.0.0.0
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata services
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, includes broadcast 255.255.255.255
] as const) {
  notPublic.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 96], // unspecified ::, loopback ::1 and the deprecated IPv4-compatible ::a.b.c.d
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  notPublic.addSubnet(net, prefix, 'ipv6');
}

/**
 * True for an address a URL upload must not reach (see above), including the IPv4-mapped IPv6
 * spelling of any of them (::ffff:127.0.0.1), which BlockList matches against the IPv4 ranges.
 * Anything that is not an IP address at all counts as not public.
 */
export function isPrivateAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 0) return true;
  return notPublic.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}
