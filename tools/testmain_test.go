package main

import (
	"os"
	"testing"

	"github.com/annotated-data-initiatives/site/tools/internal/sitetest"
)

// The site builds of the tests (sitetest.BuildProject), removed at the end;
// under -short, one line naming what was skipped (testenv.Main).
func TestMain(m *testing.M) { os.Exit(sitetest.RunShared(m)) }
