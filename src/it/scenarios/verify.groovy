// Fails the build unless the user's scenarios ran (surefire 2.12.4 would run none and still say BUILD SUCCESS), and
// unless the project resolved one Jackson version for every Jackson module.
def reports = new File(basedir, 'target/surefire-reports')
def xmls = reports.listFiles()?.findAll { it.name.startsWith('TEST-') && it.name.endsWith('.xml') } ?: []
int run = xmls.sum(0) { f -> ((f.text =~ /<testsuite[^>]*\stests="(\d+)"/) ? (f.text =~ /<testsuite[^>]*\stests="(\d+)"/)[0][1] as int : 0) }
if (run == 0) throw new AssertionError("the user project ran no scenario (Tests run: 0): see ${reports}")

def log = new File(basedir, 'build.log').text
if (log.contains('occurs multiple times')) throw new AssertionError('logback found two configuration files: see build.log')

def jackson = new File(basedir, 'dependency-tree.txt').readLines().findAll { it.contains('com.fasterxml.jackson') }
def versions = jackson.collect { it.replaceAll(/.*:jar:([^:]+):.*/, '$1') }.unique()
if (jackson.isEmpty() || versions.size() != 1) {
  throw new AssertionError("expected one Jackson version, got ${versions}:\n" + jackson.join('\n'))
}
println "user project: ${run} scenario(s) run, Jackson ${versions[0]} throughout"
return true
