// Package archtest holds only a test: it checks the import rules of
// STYLE.md, so dependencies keep flowing down (cmd → server → feature
// packages → idp) and the public jwtauth package never reaches internal/.
package archtest
