// Design notes: each line of kGroups is one given name with its nicknames and foreign forms;
// two tokens are variants if some line holds both (a nickname may sit on several lines: "bert"
// is Albert, Herbert and Robert). Tokens go through CanonicalToken once, so "charles" is found
// in whatever spelling the name normaliser gives it. Built on first use, read-only afterwards.
#include "domain/nicknames.hpp"

#include <algorithm>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/name_normalize.hpp"

namespace jaring::domain {
namespace {

constexpr const char* kGroups[] = {
    // Men's names.
    "abraham abe bram",
    "adam ade",
    "albert al bert bertie",
    "alexander alex alec alick sandy xander alexandre alessandro alejandro",
    "alfred alf alfie fred freddie",
    "alan al allan allen",
    "ambrose brose",
    "andrew andy drew andreas andre andrea andres",
    "anthony tony antony antonio anton antoine",
    "archibald archie archy",
    "arthur art artie",
    "augustus gus augie august auguste augusto",
    "bartholomew bart bat",
    "benjamin ben benny benjy",
    "bernard bernie barney bernhard bernardo",
    "bradley brad",
    "charles charlie chas chuck carl karl carlos carlo karel",
    "christopher chris kit christoph christophe cristobal",
    "clarence clare",
    "clement clem",
    "cornelius neil con",
    "cuthbert bert",
    "cyril cy",
    "daniel dan danny",
    "david dave davy davie dai",
    "dominic dom",
    "donald don donnie",
    "douglas doug",
    "edgar ed eddie ned",
    "edmund ed eddie ned edmond",
    "edward ed eddie ted teddy ned eduard edouard eduardo",
    "edwin ed eddie",
    "egbert bert",
    "elijah eli",
    "emmanuel manny manuel",
    "ernest ernie ernst",
    "eugene gene eugen",
    "ezekiel zeke",
    "ferdinand ferdie fernando",
    "francis frank frankie fran franz francois francesco francisco",
    "frederick fred freddie freddy fritz frederic friedrich federico",
    "gabriel gabe",
    "geoffrey geoff jeff jeffrey jeffery",
    "george georgie geordie georg georges jorge giorgio",
    "gerald gerry jerry",
    "gerard gerry",
    "gilbert gil bert",
    "gregory greg gregor",
    "harold harry hal",
    "henry harry hal hank heinrich henri enrique enrico hendrik",
    "herbert herb bert",
    "horace horry",
    "hubert hugh bert",
    "hugh hughie hugo hugues",
    "humphrey humph",
    "isaac ike",
    "isidore izzy",
    "jacob jake jakob jacques",
    "james jim jimmy jamie jem jas",
    "jeremiah jerry jeremy",
    "jerome jerry",
    "john jack johnny jon jock jean johann johannes juan giovanni ian sean jan hans ivan",
    "jonathan jon jonny",
    "joseph joe joey jos josef giuseppe jose",
    "joshua josh",
    "kenneth ken kenny",
    "laurence larry laurie lawrence lorenzo lorenz",
    "leonard leo len lenny leonhard leonardo",
    "leopold leo",
    "lewis lew lou louie louis luis ludwig luigi",
    "luke luc lucas luca",
    "malcolm mal",
    "mark marc marco marcus markus",
    "matthew matt matthias mathieu matteo",
    "maurice morris moritz",
    "maximilian max",
    "michael mike mick mickey micky michel michele miguel",
    "montague monty",
    "nathan nat nate",
    "nathaniel nat nate",
    "nicholas nick nicky nicolas nicola nikolaus klaus niklas",
    "oliver ollie olivier",
    "oswald ozzie oz",
    "patrick pat paddy",
    "paul pablo paolo",
    "peter pete pierre pietro pedro piet",
    "philip phil pip philipp philippe felipe filippo",
    "ralph rafe",
    "raymond ray raimund",
    "reginald reg reggie",
    "reuben rube",
    "richard dick rick ricky rich richie rico ricardo riccardo",
    "robert bob bobby rob robbie robin bert roberto",
    "roderick rod roddy",
    "rodney rod",
    "roger rodge",
    "ronald ron ronnie",
    "rudolph rudy rudolf",
    "samuel sam sammy",
    "sebastian seb",
    "sidney sid",
    "simon sim",
    "solomon sol",
    "stanley stan",
    "stephen steve stevie steven stefan stephan etienne esteban",
    "sylvester sly",
    "terence terry",
    "theodore theo ted teddy",
    "thomas tom tommy thom tomas tommaso",
    "timothy tim timmy",
    "tobias toby",
    "valentine val",
    "victor vic",
    "vincent vince vinnie",
    "walter walt wally",
    "wilfred wilf fred",
    "william will bill billy willy willie liam wilhelm guillaume guillermo",
    "zachary zach zack",
    // Women's names.
    "abigail abby abbie nabby",
    "adelaide addie",
    "agatha aggie",
    "agnes aggie nessie",
    "alexandra alex sandra sandy",
    "alice allie alicia alix",
    "amelia millie amy",
    "ann anne anna annie nan nancy nanny hannah",
    "antoinette toni netta",
    "arabella bella",
    "augusta gussie",
    "barbara barb babs",
    "beatrice bea trixie beatrix",
    "bridget biddy bridie",
    "caroline carrie caro carol",
    "catherine kate katie cathy kitty kit katharine katherine kathryn kathleen katharina",
    "cecilia cissy cecily",
    "charlotte lottie lotte",
    "christina chris tina kristina christine",
    "clara clare claire",
    "constance connie",
    "cynthia cindy",
    "deborah deb debbie debra",
    "diana di diane",
    "dorothy dolly dot dottie dora dorothea",
    "edith edie",
    "eleanor ellie nell nellie nora elinor eleonore",
    "elizabeth eliza liz lizzie lizzy beth betty bess bessie betsy elsie libby elisabeth isabel",
    "ellen nell nellie",
    "emily emmy millie emilie",
    "emma em emmy",
    "esther hetty",
    "euphemia effie phemie",
    "evelyn eve evie",
    "florence flo florrie flossie",
    "frances fanny fran frankie francesca francoise",
    "gertrude gertie trudy",
    "gwendolen gwen",
    "harriet hattie hetty",
    "helen nell nellie helena elena",
    "henrietta etta hetty",
    "isabella bella izzy isabel isabelle",
    "jane jenny jennie janey jean",
    "janet jan jenny",
    "jennifer jen jenny",
    "jessica jess jessie",
    "joan joanie joanna",
    "josephine jo josie",
    "judith judy",
    "julia julie juliet",
    "katherine kate kathy",
    "louisa lou louie lulu louise",
    "lucy lucinda lucia",
    "madeline maddie madeleine",
    "margaret maggie meg peggy marge madge daisy greta maisie margery marjorie margarethe",
    "martha patty mattie marta",
    "mary molly polly mae mamie maria marie mariam miriam",
    "matilda tilly maud tilda",
    "melissa mel",
    "mildred millie",
    "patricia pat patty tricia trish",
    "penelope penny",
    "phyllis phyl",
    "prudence prue",
    "rebecca becky becca",
    "rosalind ros roz",
    "rose rosie rosa",
    "sarah sally sadie sara",
    "sophia sophie sofia",
    "susan sue susie suzanne susanna susannah",
    "theresa tess tessa terry teresa therese",
    "victoria vicky tori",
    "virginia ginny",
    "wilhelmina mina minnie willa",
    "winifred winnie",
};

class Table {
 public:
  Table() {
    for (std::uint32_t g = 0; g < std::size(kGroups); ++g) {
      std::istringstream in(kGroups[g]);
      std::string token;
      while (in >> token) {
        auto& groups = groups_[CanonicalToken(token)];
        if (groups.empty() || groups.back() != g) groups.push_back(g);
      }
    }
  }
  bool Variants(std::string_view a, std::string_view b) const {
    auto x = groups_.find(std::string(a)), y = groups_.find(std::string(b));
    if (x == groups_.end() || y == groups_.end()) return false;
    for (std::uint32_t g : x->second) {
      if (std::find(y->second.begin(), y->second.end(), g) != y->second.end()) return true;
    }
    return false;
  }

 private:
  std::unordered_map<std::string, std::vector<std::uint32_t>> groups_;
};

}  // namespace

bool AreNameVariants(std::string_view a, std::string_view b) {
  static const Table table;
  return a != b && table.Variants(a, b);
}

bool IsInitialOf(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  return a.size() == 1 && b.size() > 1 && a[0] == b[0];
}

}  // namespace jaring::domain
