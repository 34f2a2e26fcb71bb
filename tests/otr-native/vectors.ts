// Fixed vectors for Rocket.Chat's native OTR. The shared key and the ciphertext were computed once with a different
// code path than the codec's (node:crypto createECDH + createCipheriv), so the codec is checked against an
// independent answer, not against itself.
export const ALICE_JWK = {
  kty: 'EC', crv: 'P-256',
  x: '89vTnsGyfAqjOiPnCMk03ZCUYtGGSgEp-0X8e3mquhg', y: 'vH8o70Y7xEsrt5fWoM9IdMHe9Xg9r11MsFcnXwjP-rc',
  d: 'rFJr2qksn-6JTmburupIW2sL0n0Zq0JW5HgX6zE8A7Q',
};
export const BOB_JWK = {
  kty: 'EC', crv: 'P-256',
  x: 'BuN8T7mlmFMojn4ztX0ZwkxUDcJr_9hWGmO_ualNW68', y: 'yiWGxX1hLVSZg7ytyrxcfMIZxm279xyt01T3YpqW7l8',
  d: '9t3kee8mle4JHifThAQR0qX5YDEd7UWfbfCHkgo3suI',
};
/** SHA-256 of the ECDH secret, first 16 bytes. */
export const SHARED_KEY_HEX = '743abbfe74baf2c8a4cab26fdbc4da98';
export const IV_HEX = '000102030405060708090a0b';
export const PLAIN = {
  _id: 'GvXZ4sJ7ZqbZkXJ5E', text: 'Hallo Bob, dit blijft onder ons.', userId: 'aliceId', ack: 'pQk8nHyr3sYwA2Ds7',
  ts: new Date(1767225600000),
};
export const PLAIN_TEXT = '{"_id":"GvXZ4sJ7ZqbZkXJ5E","text":"Hallo Bob, dit blijft onder ons.","userId":"aliceId","ack":"pQk8nHyr3sYwA2Ds7","ts":{"$date":1767225600000}}';
export const WIRE = '{"$binary":"AAECAwQFBgcICQoLK4tm2h+ZwXxz+NZ/k5HtYGQgM9zY7EJYb7sPp7CsHU9K/4qCM+q4V3sbaQIgtcEy619J/poYnShoUSgtixijIyQ379b4Wp6peSRbI5st4fRDO2tWvCa7NdR87b0NbiP9Xyw+AqxRtER3U9QqfRNiDpYKqyDw5T6MkLb17hLNhhPjd242Ayx4/k44kxKL+f6NmAofAFonRobd3hgE+FX3"}';
