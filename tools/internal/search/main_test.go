package search

import (
	"os"
	"testing"

	"github.com/annotated-data-initiatives/site/tools/internal/testenv"
)

// Under -short, one line naming what was skipped.
func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }
