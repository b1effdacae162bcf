// For the unit tests that play a raw HTTP server: a socket listening on
// 127.0.0.1, on a port the kernel picks.
#pragma once

#include <catch2/catch.hpp>
#include <netinet/in.h>
#include <sys/socket.h>

// The listening socket; its port in `*port`.
inline int listenOnLoopback(int* port) {
  int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(listener >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  REQUIRE(::listen(listener, 4) == 0);
  socklen_t length = sizeof address;
  REQUIRE(::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  *port = ntohs(address.sin_port);
  return listener;
}
