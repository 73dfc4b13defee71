// PasswordPolicy: which passwords an account may be given.
//
// Length is counted in Unicode code points, not bytes, so "пароль" is six
// characters and a user typing in Chinese is held to the same rule as one
// typing in English. A password must have kPasswordCodePointsMin to
// kPasswordCodePointsMax code points and must not be guessable in the first
// few thousand tries of an online attack: it may not be one of the common
// passwords compiled into the binary (compared case-insensitively), nor all
// whitespace, nor one short chunk repeated ("aaaaaaaaaa", "abababababab"),
// nor a plain run ("abcdefghij", "9876543210").
//
// Errors, in order of precedence (details.field is "password"):
//   password_invalid    not valid UTF-8, or contains a control character
//   password_too_short  fewer than kPasswordCodePointsMin code points
//   password_too_long   more than kPasswordCodePointsMax code points
//   password_too_common on the common list, whitespace only, repeated or a run
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "core/result.h"

namespace shrimp::accounts {

// NIST SP 800-63B asks for at least 8; 10 keeps most of the common list out by
// length alone and is still easy to meet with a short phrase.
inline constexpr size_t kPasswordCodePointsMin = 10;
// Long enough for any passphrase; bounds the work argon2id is asked to do.
inline constexpr size_t kPasswordCodePointsMax = 128;
// A password made of one chunk this short repeated is refused as too common.
inline constexpr size_t kPasswordRepeatedChunkMax = 3;

// The number of code points in `text`, or nullopt if it is not valid UTF-8
// (overlong forms, surrogates and values above U+10FFFF are invalid).
std::optional<size_t> CountCodePoints(std::string_view text);

// OkStatus, or the first rule `password` breaks (see the header comment).
Status CheckPassword(std::string_view password);

// True if `password`, lower-cased (ASCII), is on the compiled-in common list.
bool IsCommonPassword(std::string_view password);

}  // namespace shrimp::accounts
